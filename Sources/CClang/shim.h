// The libclang C API, for its types only: Homeport loads libclang with dlopen at run time and does
// not link it (no `link` in the module map), so the binary starts where libclang is not installed.
#include <clang-c/Index.h>
