" Vim syntax file
" Language:     Houvast rule files (*.hv)
" Description:  Dutch keywords with their English aliases; see docs/language.md

if exists("b:current_syntax")
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match
syn iskeyword @,48-57,_,192-255

" Comments: '#' to the end of the line ('#' inside a text is text).
syn keyword houvastTodo       contained TODO FIXME XXX
syn match   houvastComment    /#.*$/ contains=houvastTodo,@Spell

" Texts, on one line. {expression} parts only mean something in an omdat
" (because) text, so only the text right after omdat/because gets them.
syn match   houvastEscape     contained /\\["\\nt{}]/
syn match   houvastBadEscape  contained /\\\%(["\\nt{}]\)\@!.\=/
syn region  houvastString     start=/"/ skip=/\\\\\|\\"/ end=/"/ end=/$/
      \ contains=houvastEscape,houvastBadEscape,@Spell
syn region  houvastOmdatString contained keepend start=/"/ skip=/\\\\\|\\"/ end=/"/ end=/$/
      \ contains=houvastEscape,houvastBadEscape,houvastInterp,@Spell
syn region  houvastInterp     contained matchgroup=houvastInterpDelim start=/{/ end=/}/
      \ end=/"\@=/ contains=@houvastExpr

" Declarations; the name after the keyword is highlighted as the declared name.
syn keyword houvastDeclaration regelset ruleset rangorde ranking casus case
syn keyword houvastDeclaration waarde value feit fact definitie define
      \ besluit decision regel rule waarborg safeguard parameter
      \ nextgroup=houvastDeclName skipwhite skipnl
syn match   houvastDeclName   contained /\<\h\w*\>/
syn keyword houvastDeclaration gebruik use nextgroup=houvastModule skipwhite
syn match   houvastModule     contained /\<stdlib\.\h\w*\>/

" Clause words.
syn keyword houvastClause     versie version bron source vraag question
      \ standaard default volgens per als when dan then gegeven given
      \ verwacht expect geschonden violated peildatum
      \ geldig valid vanaf from tot until
syn keyword houvastOmdat      omdat because nextgroup=houvastOmdatString skipwhite skipnl
" Two words on one line.
syn match   houvastClause     /\<uitzondering[ \t]\+op\>/
syn match   houvastClause     /\<exception[ \t]\+to\>/
syn match   houvastClause     /\<ter[ \t]\+beoordeling\>/
syn match   houvastClause     /\<for[ \t]\+judgement\>/
syn match   houvastClause     /\<as[ \t]\+of\>/
" Not reserved: special only at the end of an expectation in a casus.
syn match   houvastExpect     /\<\%(conflict\|onbepaald\|undetermined\)\>\ze[ \t]*\%(,\|#\|$\)/

" Logical operators. Matches rather than keywords, so that the two-word
" 'niet in' / 'not in' (defined after them) wins over 'niet' / 'not'.
syn match   houvastLogical    /\<\%(en\|of\|niet\|and\|or\|not\)\>/
syn match   houvastMembership /\<in\>/
syn match   houvastMembership /\<\%(niet\|not\)[ \t]\+in\>/

syn keyword houvastBoolean    ja nee yes no
syn keyword houvastType       getal number bedrag money janee boolean
      \ datum date tekst text keuze choice

" Function names are not reserved: only a name followed by '(' is a call.
syn match   houvastFunction   /\<\%(leeftijd\|age\|jaren_tussen\|years_between\|maanden_tussen\|months_between\|dagen_tussen\|days_between\|begin_maand\|start_of_month\|eind_maand\|end_of_month\|afronden_omlaag\|round_down\|afronden_omhoog\|round_up\|afronden\|round\|min\|max\|abs\|bekend\|known\)\ze[ \t]*(/

" Numbers, dates, money. For matches at the same place the last one defined
" wins, so dates come after numbers.
syn match   houvastBadNumber  /\<\d\+\h\w*/
syn match   houvastNumber     /\<\d\+\%(\.\d\+\)\=\>/
syn match   houvastDate       /\<\d\{4}-\d\{2}-\d\{2}\>/
" The euro sign: U+20AC, or its three UTF-8 bytes when 'encoding' is not utf-8.
syn match   houvastBadMoney   /\%u20ac\|\%xe2\%x82\%xac/
syn match   houvastMoney      /\%(\%u20ac\|\%xe2\%x82\%xac\)[ \t]\=\d\+\%(\.\d\+\)\=\>/

syn match   houvastOperator   /!=\|<>\|<=\|>=\|[=<>+*\/-]/
syn match   houvastBadOperator /==/

" What may stand inside {…} in an omdat text.
syn cluster houvastExpr contains=houvastLogical,houvastMembership,houvastBoolean,
      \ houvastType,houvastFunction,houvastBadNumber,houvastNumber,houvastDate,
      \ houvastBadMoney,houvastMoney,houvastOperator,houvastBadOperator,houvastClause

hi def link houvastTodo         Todo
hi def link houvastComment      Comment
hi def link houvastString       String
hi def link houvastOmdatString  String
hi def link houvastEscape       Special
hi def link houvastBadEscape    Error
hi def link houvastInterpDelim  Special
hi def link houvastDeclaration  Statement
hi def link houvastDeclName     Identifier
hi def link houvastModule       Identifier
hi def link houvastClause       Keyword
hi def link houvastOmdat        Keyword
hi def link houvastExpect       Keyword
hi def link houvastLogical      Operator
hi def link houvastMembership   Operator
hi def link houvastOperator     Operator
hi def link houvastBadOperator  Error
hi def link houvastBoolean      Boolean
hi def link houvastType         Type
hi def link houvastFunction     Function
hi def link houvastBadNumber    Error
hi def link houvastNumber       Number
hi def link houvastDate         Number
hi def link houvastMoney        Number
hi def link houvastBadMoney     Error

let b:current_syntax = "houvast"

let &cpo = s:cpo_save
unlet s:cpo_save
