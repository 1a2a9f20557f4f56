#include "czlib.h"

// The header holds everything; SwiftPM needs one source file to make a C target of it.
