#include "config.h"
#include "core/eligibility.h"
