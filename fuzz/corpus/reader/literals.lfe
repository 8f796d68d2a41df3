'(a |b c| "str" #\x 1.5e3 #x1F . tail)
