/* ast.h — the syntax tree of a rule file, built by the parser.
 *
 * All nodes live in one arena (hv_ast.arena) and are freed together after
 * compiling. Grammar actions only call the builders below; no checking or
 * evaluation happens in the grammar.
 */
#ifndef HV_AST_H
#define HV_AST_H

#include <stdint.h>
#include "diag.h"
#include "mem.h"

/* A name or string with its location. Strings are already unescaped. */
typedef struct hv_str {
    const char *s;
    hv_loc loc;
} hv_str;

/* Types of facts, definitions and decisions. */
#define HV_TYPE_LIST(X) \
    X(NONE,   "?",      "?")       \
    X(BOOL,   "janee",  "boolean") \
    X(NUM,    "getal",  "number")  \
    X(MONEY,  "bedrag", "money")   \
    X(DATE,   "datum",  "date")    \
    X(TEXT,   "tekst",  "text")    \
    X(CHOICE, "keuze",  "choice")
typedef enum {
#define X(id, nl, en) HV_TY_##id,
    HV_TYPE_LIST(X)
#undef X
} hv_tykind;

typedef struct hv_ast_type {
    hv_tykind kind;
    hv_loc loc;
    hv_vec members;        /* hv_str* for keuze(...) */
} hv_ast_type;

/* Expression kinds. Binary and unary operators share the op field. */
typedef enum {
    HV_E_NUM, HV_E_MONEY, HV_E_DATE, HV_E_BOOL, HV_E_TEXT,
    HV_E_NAME, HV_E_PEILDATUM, HV_E_UNARY, HV_E_BINARY, HV_E_IN, HV_E_CALL
} hv_ekind;

#define HV_OP_LIST(X) \
    X(NOT, "niet") X(NEG, "-") X(AND, "en") X(OR, "of") \
    X(EQ, "=") X(NE, "!=") X(LT, "<") X(LE, "<=") X(GT, ">") X(GE, ">=") \
    X(ADD, "+") X(SUB, "-") X(MUL, "*") X(DIV, "/")
typedef enum {
#define X(id, s) HV_OP_##id,
    HV_OP_LIST(X)
#undef X
} hv_op;
const char *hv_op_text(hv_op op);

typedef struct hv_expr hv_expr;
struct hv_expr {
    hv_ekind kind;
    hv_op op;
    int negated;           /* for IN: "niet in" */
    hv_loc loc;
    int depth;             /* 1 + the deepest operand */
    hv_expr *a, *b;        /* operands */
    hv_vec list;           /* hv_expr* : IN items, CALL arguments */
    hv_str name;           /* NAME, CALL */
    int64_t ival;          /* NUM: micro-units; MONEY: cents; DATE: day number; BOOL */
    const char *text;      /* TEXT literal; NUM/MONEY literal as written */
    /* filled by the checker */
    int ty;                /* hv_tykind */
    int choice;            /* choice set index for CHOICE typed expressions */
    int sym;               /* resolved symbol kind (see check) */
    int index;             /* resolved slot / member / builtin */
};

typedef enum {
    HV_D_REGELSET, HV_D_WAARDE, HV_D_RANGORDE, HV_D_FEIT, HV_D_DEFINITIE,
    HV_D_BESLUIT, HV_D_REGEL, HV_D_WAARBORG, HV_D_CASUS, HV_D_PARAMETER, HV_D_GEBRUIK
} hv_dkind;

/* geldig vanaf FROM [tot TO]: day numbers; TO is the first day it no longer holds. */
typedef struct hv_valid {
    int64_t from, to;
    int has_to;
    hv_loc loc;
} hv_valid;

/* One dated value of a parameter: vanaf DATE = EXPR. */
typedef struct hv_pvalue {
    int64_t from;
    hv_expr *value;
    hv_loc loc;
} hv_pvalue;

typedef struct hv_assign {
    hv_str decision;
    hv_expr *value;        /* NULL: ter beoordeling */
    hv_loc loc;
} hv_assign;

typedef enum {
    HV_X_VALUE,            /* DECISION = EXPR [volgens VALUE] */
    HV_X_CONFLICT, HV_X_UNDETERMINED, HV_X_JUDGEMENT, HV_X_VIOLATED
} hv_xkind;

typedef struct hv_expect {
    hv_xkind kind;
    hv_str name;           /* decision or safeguard */
    hv_expr *value;
    hv_str per;            /* optional value name */
    hv_loc loc;
} hv_expect;

typedef struct hv_given {
    hv_str fact;
    hv_expr *value;
    hv_loc loc;
} hv_given;

/* A piece of an omdat text: literal text or an {expression}. Filled by the
 * checker, which parses the expressions inside the braces. */
typedef struct hv_tpiece {
    const char *text;      /* NULL for an expression piece */
    hv_expr *expr;
} hv_tpiece;

typedef struct hv_decl {
    hv_dkind kind;
    hv_loc loc;            /* the whole declaration's first token */
    hv_str name;           /* id (or the quoted name for regelset, casus) */
    hv_str text;           /* waarde/waarborg text; regelset version */
    hv_str bron;
    hv_str vraag;
    hv_str omdat;
    hv_ast_type *type;
    hv_expr *expr;         /* definitie, standaard, waarborg body */
    hv_expr *cond;         /* als ... */
    hv_str per;            /* regel volgens VALUE */
    hv_vec exceptions;     /* hv_str* rule names */
    hv_vec assigns;        /* hv_assign* */
    hv_vec ranks;          /* hv_str* value names, for rangorde */
    hv_vec rank_ops;       /* (intptr_t) '>' or '=' between ranks[i-1] and ranks[i] */
    hv_vec givens;         /* hv_given* */
    hv_vec expects;        /* hv_expect* */
    int has_peildatum;
    int64_t peildatum;     /* casus peildatum (day number) */
    hv_vec tmpl;           /* hv_tpiece* of omdat, filled by the checker */
    hv_valid valid;        /* regel, regelset: geldig vanaf ... tot ... */
    int has_valid;
    hv_vec pvalues;        /* parameter: hv_pvalue* in file order */
    int stdlib;            /* gebruik stdlib.NAME (name holds NAME) */
    int index;             /* slot in the program, filled by the checker */
} hv_decl;

/* Expressions deeper than this are refused with a located error, so that
 * no tree walk of the checker, compiler or evaluator can run out of stack
 * (8 MB; a level takes a few hundred bytes of it). A build with
 * AddressSanitizer (make check-asan) has frames several times larger: it
 * refuses expressions from a lower depth on, and so never runs out either. */
#ifndef __has_feature
#define __has_feature(x) 0
#endif
/* Other limits on a rule file, each refused with a located error (the size
 * of the file: HV_MAX_FILE_BYTES in houvast.h). */
#define HV_MAX_NAME 200                         /* bytes in a name */
#define HV_MAX_TEXT 100000                      /* bytes in a text literal */
#define HV_MAX_RULES 100000                     /* rules in a rule set */

#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define HV_MAX_EXPR_DEPTH 2000
#else
#define HV_MAX_EXPR_DEPTH 10000
#endif

typedef struct hv_ast {
    hv_arena arena;
    hv_vec decls;          /* hv_decl* in file order */
    hv_diags *diags;       /* where the builders report limits */
} hv_ast;

/* Builders, called from the grammar. They allocate in ast->arena and
 * return NULL only when memory runs out. */
hv_str   hv_ast_str(hv_ast *ast, const char *s, hv_loc loc);
hv_str  *hv_ast_strp(hv_ast *ast, hv_str s);      /* a copy in the arena */
hv_expr *hv_ast_literal(hv_ast *ast, hv_ekind kind, int64_t v, const char *text, hv_loc loc);
hv_expr *hv_ast_name(hv_ast *ast, hv_str name);
hv_expr *hv_ast_unary(hv_ast *ast, hv_op op, hv_expr *a, hv_loc loc);
hv_expr *hv_ast_binary(hv_ast *ast, hv_op op, hv_expr *a, hv_expr *b, hv_loc loc);
hv_expr *hv_ast_in(hv_ast *ast, hv_expr *a, hv_vec items, int negated, hv_loc loc);
hv_expr *hv_ast_call(hv_ast *ast, hv_str name, hv_vec args, hv_loc loc);
hv_expr *hv_ast_peildatum(hv_ast *ast, hv_loc loc);
hv_ast_type *hv_ast_type_new(hv_ast *ast, hv_tykind kind, hv_vec members, hv_loc loc);
hv_decl *hv_ast_decl(hv_ast *ast, hv_dkind kind, hv_loc loc);
hv_assign *hv_ast_assign(hv_ast *ast, hv_str decision, hv_expr *value, hv_loc loc);
hv_given *hv_ast_given(hv_ast *ast, hv_str fact, hv_expr *value, hv_loc loc);
hv_expect *hv_ast_expect(hv_ast *ast, hv_xkind kind, hv_str name, hv_expr *value, hv_str per, hv_loc loc);
void hv_ast_push(hv_ast *ast, hv_vec *v, void *item);
void hv_ast_param_value(hv_ast *ast, hv_decl *param, int64_t from, hv_expr *value, hv_loc loc);
hv_decl *hv_ast_stdlib_use(hv_ast *ast, hv_loc loc, hv_str lib, hv_str name);
hv_vec hv_ast_list1(hv_ast *ast, void *item);

const char *hv_type_name(hv_tykind k);     /* Dutch keyword: "getal" */

#endif
