#include "config.h"
#include "core/query.h"
