// LiuliangTerminal
