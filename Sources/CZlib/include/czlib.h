#ifndef LIULIANG_CZLIB_H
#define LIULIANG_CZLIB_H

#include <zlib.h>

// inflateInit2 and deflateInit2 are macros that pass zlib's version and struct size, which
// Swift cannot call; zip entries are raw deflate (no zlib header), hence the negative window.

static inline int ll_inflate_init_raw(z_stream *s) {
  return inflateInit2(s, -MAX_WBITS);
}

static inline int ll_deflate_init_raw(z_stream *s, int level) {
  return deflateInit2(s, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}

#endif
