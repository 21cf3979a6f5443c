#include "config.h"
#include "core/date.h"
