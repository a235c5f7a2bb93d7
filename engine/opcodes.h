/* opcodes.h — the operations of compiled expressions, one X-macro list so
 * that the enum, the names and the disassembler never drift apart.
 * X(NAME, operands) — operands: a/b are node indices unless noted. */
#ifndef HV_OPCODES_H
#define HV_OPCODES_H

#define HV_OPCODE_LIST(X) \
    X(CONST,        "a=constant")       \
    X(FACT,         "a=fact slot")      \
    X(DEF,          "a=definition")     \
    X(DEC,          "a=decision")       \
    X(PEIL,         "")                 \
    X(NOT,          "a")                \
    X(AND,          "kids a..a+n")      \
    X(OR,           "kids a..a+n")      \
    X(EQ,           "a b")              \
    X(NE,           "a b")              \
    X(LT,           "a b")              \
    X(LE,           "a b")              \
    X(GT,           "a b")              \
    X(GE,           "a b")              \
    X(IN,           "a, kids b..b+n")   \
    X(NOTIN,        "a, kids b..b+n")   \
    X(NEG_NUM,      "a")                \
    X(NEG_MONEY,    "a")                \
    X(ADD_NUM,      "a b")              \
    X(ADD_MONEY,    "a b")              \
    X(ADD_DATE,     "a=date b=days")    \
    X(SUB_NUM,      "a b")              \
    X(SUB_MONEY,    "a b")              \
    X(SUB_DATE,     "a=date b=days")    \
    X(DIFF_DATE,    "a b: days")        \
    X(MUL_NUM,      "a b")              \
    X(MUL_MONEY,    "a=money b=number") \
    X(DIV_NUM,      "a b")              \
    X(DIV_MONEY,    "a=money b=number") \
    X(RATIO_MONEY,  "a b: money/money") \
    X(MIN,          "kids a..a+n")      \
    X(MAX,          "kids a..a+n")      \
    X(ABS_NUM,      "a")                \
    X(ABS_MONEY,    "a")                \
    X(KNOWN,        "a")                \
    X(PARAM,        "a=parameter")      \
    X(AGE,          "a=date b=date|-1") \
    X(YEARS,        "a b: dates")       \
    X(MONTHS,       "a b: dates")       \
    X(DAYS,         "a b: dates")       \
    X(MSTART,       "a=date")           \
    X(MEND,         "a=date")           \
    X(ROUND,        "a=value b=step")   \
    X(ROUNDDOWN,    "a=value b=step")   \
    X(ROUNDUP,      "a=value b=step")

typedef enum {
#define X(id, doc) HV_OP_##id##_,
    HV_OPCODE_LIST(X)
#undef X
    HV_NOPCODES
} hv_opcode;

#endif
