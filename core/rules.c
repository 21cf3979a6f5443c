#include "config.h"
#include "core/rules.h"
