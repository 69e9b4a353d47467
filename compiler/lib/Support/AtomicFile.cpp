//===- AtomicFile.cpp - whole files or none -------------------*- C++ -*-===//
//
// A unique `<path>.tmp-XXXXXX` beside the file (the same file system, so
// the rename is atomic), written, closed with its error checked, renamed;
// or the file itself, written and closed with its error checked.
//
//===----------------------------------------------------------------------===//

#include "walsh/Support/AtomicFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace walsh {

Error writeFileAtomically(StringRef path, StringRef bytes) {
  auto fail = [&](const Twine &what, std::error_code ec) {
    return createStringError(ec, path + ": " + what + ": " + ec.message());
  };
  SmallString<128> tmp;
  int fd;
  if (std::error_code ec =
          sys::fs::createUniqueFile(path + ".tmp-%%%%%%", fd, tmp))
    return fail("cannot create a file beside it", ec);
  {
    raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << bytes;
    os.close();
    if (os.has_error()) {
      std::error_code ec = os.error();
      os.clear_error();
      sys::fs::remove(tmp);
      return fail("cannot write", ec);
    }
  }
  if (std::error_code ec = sys::fs::rename(tmp, path)) {
    sys::fs::remove(tmp);
    return fail("cannot replace", ec);
  }
  return Error::success();
}

Error writeFile(StringRef path, StringRef bytes) {
  std::error_code ec;
  raw_fd_ostream os(path, ec, sys::fs::OF_None);
  if (ec)
    return createStringError(ec, "cannot create " + path + ": " + ec.message());
  os << bytes;
  os.close();
  if (os.has_error()) {
    ec = os.error();
    os.clear_error(); // (else its destructor ends the process)
    return createStringError(ec, "cannot write " + path + ": " + ec.message());
  }
  return Error::success();
}

} // namespace walsh
