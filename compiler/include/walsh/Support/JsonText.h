//===- walsh/Support/JsonText.h - JSON, numbers shortest -*- C++ -*-===//
//
// How walsh writes JSON, on stdout (`--json`) and on disk (meta.json, the
// tuning databases, `walsh compile`'s launch JSON): llvm::json's own text,
// keys sorted and indented the same, except that a number that is not an
// integer is written in the fewest digits that read back as the same double
// (std::to_chars), as Python's json module writes it: 1e-05, not llvm's
// 1.0000000000000001e-05. A NaN or an infinity, which JSON cannot hold, is
// written as null. Reading (parseJson) is the C locale's whatever the
// process's: a host that set a locale with a decimal comma (de_DE) made
// llvm::json::parse refuse every manifest and tuning database with a
// fraction in it until 2026-12-06 (walsh/Support/NumberText.h for the
// numbers in keys and names). Depends on LLVM's support library alone.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_SUPPORT_JSONTEXT_H
#define WALSH_SUPPORT_JSONTEXT_H

#include "llvm/Support/JSON.h"

#include <string>

namespace walsh {

/// `value` as JSON text indented by `indent` spaces a level (0: on one
/// line), keys sorted, numbers in their shortest exact form.
std::string jsonText(const llvm::json::Value &value, unsigned indent = 2);

/// llvm::json::parse in the C locale (it reads numbers with strtod, which
/// follows the calling thread's locale); the thread's locale is restored.
llvm::Expected<llvm::json::Value> parseJson(llvm::StringRef text);

/// `text` as a JSON string, each byte of it that is not part of UTF-8 as
/// U+FFFD. For any text from outside walsh that `--json` or a file echoes:
/// paths (a Unix path is bytes), file names found on disk, command-line
/// arguments and the error messages that quote them. llvm::json::Value
/// takes a std::string that is not UTF-8 by an assertion (a debug build,
/// the sanitizer presets among them, aborts) and a release build's silent
/// replacement; this is that replacement, made on purpose.
llvm::json::Value jsonString(llvm::StringRef text);

} // namespace walsh

#endif // WALSH_SUPPORT_JSONTEXT_H
