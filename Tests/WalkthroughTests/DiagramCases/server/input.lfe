(echo:start)
(echo:ask 'server "hello there")
