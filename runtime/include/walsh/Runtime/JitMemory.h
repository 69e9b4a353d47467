//===- walsh/Runtime/JitMemory.h - JIT memory in W^X hosts ------*- C++ -*-===//
//
// Where the CPU kernels' code goes. LLVM's JIT writes code into anonymous
// memory and then makes it executable with mprotect; a process that may
// not do that (a systemd service's MemoryDenyWriteExecute=yes, Linux's
// prctl(PR_SET_MDWE), SELinux's execmem denied) failed every CPU kernel
// with LLVM's "JIT session error: Permission denied" on stderr and "Failed
// to materialize symbols". There the code is written through one mapping
// of a memfd and run through another, mapped afresh with each segment's
// final protection (never writable and executable at once, never made
// executable after the fact): what such hosts allow. Used only where this
// process cannot do the first (probed once); elsewhere LLVM's own memory.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_JITMEMORY_H
#define WALSH_RUNTIME_JITMEMORY_H

#include "llvm/ExecutionEngine/JITLink/JITLinkMemoryManager.h"
#include "llvm/ExecutionEngine/Orc/Layer.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <mutex>
#include <string>

namespace walsh {

/// Whether this process may make written memory executable (mprotect of
/// an anonymous page to read + execute): probed once a process.
bool mayMakeMemoryExecutable();

/// A JITLink memory manager over memfd double mappings (see above).
llvm::Expected<std::unique_ptr<llvm::jitlink::JITLinkMemoryManager>>
createDualMappedJitMemory();

/// An LLJIT object layer over that memory, the EH frames registered as
/// LLJIT's own layer does (LLJITBuilder::setObjectLinkingLayerCreator).
llvm::Expected<std::unique_ptr<llvm::orc::ObjectLayer>>
dualMappedObjectLayer(llvm::orc::ExecutionSession &session,
                      const llvm::Triple &triple);

/// The errors an LLJIT session reports while linking (its error
/// reporter's), for the load's error: "cannot load the CPU kernel:
/// Permission denied (Failed to materialize symbols: ...); this process
/// may not make memory executable (...)". Thread-safe.
class LinkErrors {
public:
  void add(llvm::Error e);
  /// `lookup`'s error with what was reported, or `lookup` itself where
  /// nothing was.
  llvm::Error loadError(llvm::Error lookup);

private:
  std::mutex mu;
  std::string text;
};

} // namespace walsh

#endif // WALSH_RUNTIME_JITMEMORY_H
