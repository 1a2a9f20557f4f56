// LiuliangReport
