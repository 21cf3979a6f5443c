#include "config.h"
#include "core/text.h"
