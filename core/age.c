#include "config.h"
#include "core/age.h"
