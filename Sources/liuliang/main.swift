print("liuliang")
