#include "config.h"
#include "print/print.h"
