// LiuliangApp
