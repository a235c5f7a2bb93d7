" Houvast rule files
autocmd BufRead,BufNewFile *.hv set filetype=houvast
