// LiuliangRender
