#include "config.h"
#include "core/refcode.h"
