print("lrscope")
