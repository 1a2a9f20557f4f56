int liuliang_shim_placeholder(void) { return 0; }
