// LiuliangGenerator
