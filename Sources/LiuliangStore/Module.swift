// LiuliangStore
