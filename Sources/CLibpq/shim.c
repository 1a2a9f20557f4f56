// The shim is header-only; this file gives the target a source for SwiftPM.
#include "libpq_shim.h"
