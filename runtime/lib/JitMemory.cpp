//===- JitMemory.cpp - JIT memory in W^X hosts -----------------*- C++ -*-===//
//
// An orc::MemoryMapper whose reservations are memfds mapped twice: once
// read + write, where JITLink writes the code and data ("working memory"),
// and once at the addresses the code runs at, first PROT_NONE, then each
// segment mapped afresh (MAP_FIXED) with its final protection when it is
// initialized, and back to PROT_NONE when it is deinitialized. A fresh
// mapping that is not both writable and executable is what a W^X host
// (MDWE, systemd's seccomp filter) allows, where mprotect adding PROT_EXEC
// is refused. LLVM's InProcessMemoryMapper is the template.
//
//===----------------------------------------------------------------------===//

#include "walsh/Runtime/JitMemory.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ExecutionEngine/Orc/EPCEHFrameRegistrar.h"
#include "llvm/ExecutionEngine/Orc/MapperJITLinkMemoryManager.h"
#include "llvm/ExecutionEngine/Orc/MemoryMapper.h"
#include "llvm/ExecutionEngine/Orc/ObjectLinkingLayer.h"
#include "llvm/Support/Errno.h"
#include "llvm/Support/Process.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace walsh {
namespace {

using llvm::Error;
using llvm::Expected;
using llvm::orc::ExecutorAddr;

Error systemError(const llvm::Twine &what) {
  return llvm::createStringError(
      std::error_code(errno, std::generic_category()),
      what + ": " + std::strerror(errno));
}

int protection(llvm::orc::MemProt p) {
  using namespace llvm; // MemProt's operators (LLVM's bitmask enums)
  using llvm::orc::MemProt;
  return ((p & MemProt::Read) == MemProt::Read ? PROT_READ : 0) |
         ((p & MemProt::Write) == MemProt::Write ? PROT_WRITE : 0) |
         ((p & MemProt::Exec) == MemProt::Exec ? PROT_EXEC : 0);
}

/// The process's one memfd for JIT code (one a reservation held a file
/// descriptor for each loaded kernel: a tuning sweep's candidates would
/// run out of them), each reservation a range of it that is never given
/// out again (the file is sparse; a released range's pages are freed by a
/// hole punched). A fork's child makes its own: ranges it gave out would
/// be the parent's pages.
struct CodeFile {
  std::mutex mu;
  int fd = -1;
  pid_t owner = 0;
  uint64_t next = 0;

  /// A new range of `bytes` (the file grown to hold it), or an error.
  Expected<std::pair<int, uint64_t>> take(size_t bytes) {
    std::lock_guard<std::mutex> lock(mu);
    if (fd < 0 || owner != getpid()) {
      int made = memfd_create("walsh-jit", MFD_CLOEXEC);
      if (made < 0)
        return systemError("JIT memory: memfd_create");
      if (fd >= 0 && owner == getpid())
        ::close(fd);
      fd = made;
      owner = getpid();
      next = 0;
    }
    uint64_t at = next;
    if (ftruncate(fd, off_t(at + bytes)) != 0)
      return systemError("JIT memory: growing the code file");
    next = at + bytes;
    return std::make_pair(fd, at);
  }
};

CodeFile &codeFile() {
  static CodeFile *file = new CodeFile; // never destroyed: kernels outlive
  return *file;
}

class DualMapper final : public llvm::orc::MemoryMapper {
public:
  explicit DualMapper(size_t pageSize) : pageSize(pageSize) {}

  static Expected<std::unique_ptr<DualMapper>> Create() {
    auto page = llvm::sys::Process::getPageSize();
    if (!page)
      return page.takeError();
    return std::make_unique<DualMapper>(*page);
  }

  unsigned int getPageSize() override { return pageSize; }

  void reserve(size_t bytes, OnReservedFunction onReserved) override {
    auto range = codeFile().take(bytes);
    if (!range)
      return onReserved(range.takeError());
    auto [fd, offset] = *range;
    void *work = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
                      off_t(offset));
    void *exec = work == MAP_FAILED ? MAP_FAILED
                                    : mmap(nullptr, bytes, PROT_NONE,
                                           MAP_SHARED, fd, off_t(offset));
    if (exec == MAP_FAILED) {
      Error e = systemError("JIT memory: mmap");
      if (work != MAP_FAILED)
        munmap(work, bytes);
      return onReserved(std::move(e));
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      reservations[uintptr_t(exec)] = {static_cast<char *>(work), bytes, fd,
                                       offset, getpid()};
    }
    onReserved(llvm::orc::ExecutorAddrRange(
        ExecutorAddr::fromPtr(exec), llvm::orc::ExecutorAddrDiff(bytes)));
  }

  char *prepare(ExecutorAddr addr, size_t) override {
    std::lock_guard<std::mutex> lock(mu);
    auto [base, r] = *reservationOf(addr);
    return r->work + (addr.getValue() - base);
  }

  void initialize(AllocInfo &ai, OnInitializedFunction onInitialized) override {
    ExecutorAddr lo(~0ULL), hi(0);
    std::pair<uintptr_t, Reservation *> found;
    {
      std::lock_guard<std::mutex> lock(mu);
      found = *reservationOf(ai.MappingBase);
    }
    auto [base, r] = found;
    for (auto &seg : ai.Segments) {
      ExecutorAddr at = ai.MappingBase + seg.Offset;
      size_t size = seg.ContentSize + seg.ZeroFillSize;
      lo = std::min(lo, at);
      hi = std::max(hi, at + size);
      size_t offset = at.getValue() - base;
      std::memset(r->work + offset + seg.ContentSize, 0, seg.ZeroFillSize);
      if (Error e = mapAt(r, base, at, size, protection(seg.AG.getMemProt())))
        return onInitialized(std::move(e));
    }
    auto deinit = llvm::orc::shared::runFinalizeActions(ai.Actions);
    if (!deinit)
      return onInitialized(deinit.takeError());
    {
      std::lock_guard<std::mutex> lock(mu);
      allocations[lo] = {size_t(hi - lo), std::move(*deinit)};
      r->allocations.push_back(lo);
    }
    onInitialized(lo);
  }

  void deinitialize(llvm::ArrayRef<ExecutorAddr> bases,
                    OnDeinitializedFunction onDeinitialized) override {
    // Taken out under the lock; their actions run, and LLVM's callback is
    // called, without it (LLVM's memory manager holds its own lock around
    // reserve: TSan saw the inversion).
    std::vector<std::pair<ExecutorAddr, Allocation>> taken;
    {
      std::lock_guard<std::mutex> lock(mu);
      for (ExecutorAddr b : llvm::reverse(bases)) {
        auto it = allocations.find(b);
        if (it == allocations.end())
          continue;
        taken.emplace_back(b, std::move(it->second));
        allocations.erase(it);
      }
    }
    Error all = Error::success();
    for (auto &[b, alloc] : taken) {
      if (Error e = llvm::orc::shared::runDeallocActions(alloc.deinit))
        all = llvm::joinErrors(std::move(all), std::move(e));
      // (Taking permissions away needs no fresh mapping.)
      if (mprotect(b.toPtr<void *>(), roundUp(alloc.size), PROT_NONE))
        all = llvm::joinErrors(std::move(all),
                               systemError("JIT memory: mprotect"));
    }
    onDeinitialized(std::move(all));
  }

  void release(llvm::ArrayRef<ExecutorAddr> bases,
               OnReleasedFunction onReleased) override {
    Error all = Error::success();
    for (ExecutorAddr b : bases) {
      std::vector<ExecutorAddr> allocs;
      {
        std::lock_guard<std::mutex> lock(mu);
        auto it = reservations.find(b.getValue());
        if (it == reservations.end())
          continue;
        allocs.swap(it->second.allocations);
      }
      deinitialize(allocs, [&](Error e) {
        all = llvm::joinErrors(std::move(all), std::move(e));
      });
      std::lock_guard<std::mutex> lock(mu);
      auto it = reservations.find(b.getValue());
      Reservation &r = it->second;
      if (munmap(b.toPtr<void *>(), r.size) != 0 || munmap(r.work, r.size) != 0)
        all =
            llvm::joinErrors(std::move(all), systemError("JIT memory: munmap"));
      // The pages freed; not in a fork's child, where they are the
      // parent's still.
      if (r.owner == getpid())
        fallocate(r.fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                  off_t(r.offset), off_t(r.size));
      reservations.erase(it);
    }
    onReleased(std::move(all));
  }

  ~DualMapper() override {
    std::vector<ExecutorAddr> all;
    {
      std::lock_guard<std::mutex> lock(mu);
      for (const auto &[base, r] : reservations)
        all.push_back(ExecutorAddr(base));
    }
    release(all, [](Error e) { llvm::consumeError(std::move(e)); });
  }

private:
  struct Reservation {
    char *work;
    size_t size;
    int fd;          // the code file's
    uint64_t offset; // where in it
    pid_t owner;     // the process that took the range
    std::vector<ExecutorAddr> allocations;
  };
  struct Allocation {
    size_t size;
    std::vector<llvm::orc::shared::WrapperFunctionCall> deinit;
  };

  /// The reservation holding `addr` (the caller holds `mu`).
  std::optional<std::pair<uintptr_t, Reservation *>>
  reservationOf(ExecutorAddr addr) {
    auto it = reservations.upper_bound(addr.getValue());
    if (it == reservations.begin())
      return std::nullopt;
    --it;
    return std::make_pair(it->first, &it->second);
  }

  size_t roundUp(size_t n) const {
    return (n + pageSize - 1) & ~(pageSize - 1);
  }

  /// The pages of [at, at + size) mapped afresh from the memfd with `prot`.
  Error mapAt(Reservation *r, uintptr_t base, ExecutorAddr at, size_t size,
              int prot) {
    uintptr_t from = at.getValue() & ~uintptr_t(pageSize - 1);
    uintptr_t to =
        (at.getValue() + size + pageSize - 1) & ~uintptr_t(pageSize - 1);
    if (to == from)
      return Error::success();
    void *p =
        mmap(reinterpret_cast<void *>(from), to - from, prot,
             MAP_SHARED | MAP_FIXED, r->fd, off_t(r->offset + (from - base)));
    if (p == MAP_FAILED)
      return systemError("JIT memory: mapping the kernel's code");
    return Error::success();
  }

  size_t pageSize;
  std::mutex mu;
  std::map<uintptr_t, Reservation> reservations;
  llvm::DenseMap<ExecutorAddr, Allocation> allocations;
};

} // namespace

bool mayMakeMemoryExecutable() {
  static const bool may = [] {
    // The tests' way to take the memfd path on any host.
    if (const char *v = std::getenv("WALSH_JIT_MEMORY"); v && *v)
      return std::strcmp(v, "memfd") != 0;
    long page = sysconf(_SC_PAGESIZE);
    void *p = mmap(nullptr, size_t(page), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
      return true; // no memory at all: LLVM's path says so
    bool ok = mprotect(p, size_t(page), PROT_READ | PROT_EXEC) == 0;
    munmap(p, size_t(page));
    return ok;
  }();
  return may;
}

Expected<std::unique_ptr<llvm::jitlink::JITLinkMemoryManager>>
createDualMappedJitMemory() {
  auto m = llvm::orc::MapperJITLinkMemoryManager::CreateWithMapper<DualMapper>(
      /*ReservationGranularity=*/1 << 20);
  if (!m)
    return m.takeError();
  return std::unique_ptr<llvm::jitlink::JITLinkMemoryManager>(std::move(*m));
}

Expected<std::unique_ptr<llvm::orc::ObjectLayer>>
dualMappedObjectLayer(llvm::orc::ExecutionSession &session,
                      const llvm::Triple &) {
  auto memory = createDualMappedJitMemory();
  if (!memory)
    return memory.takeError();
  auto layer = std::make_unique<llvm::orc::ObjectLinkingLayer>(
      session, std::move(*memory));
  auto frames = llvm::orc::EPCEHFrameRegistrar::Create(session);
  if (!frames)
    return frames.takeError();
  layer->addPlugin(std::make_unique<llvm::orc::EHFrameRegistrationPlugin>(
      session, std::move(*frames)));
  return std::move(layer);
}

void LinkErrors::add(Error e) {
  std::string message = llvm::toString(std::move(e));
  std::lock_guard<std::mutex> lock(mu);
  if (text.find(message) == std::string::npos)
    text += (text.empty() ? "" : "; ") + message;
}

Error LinkErrors::loadError(Error lookup) {
  std::lock_guard<std::mutex> lock(mu);
  if (text.empty())
    return lookup;
  std::string why;
  if (text.find("Permission denied") != std::string::npos)
    why = std::string("; this process may not make memory executable (a W^X "
                      "policy: systemd's MemoryDenyWriteExecute, "
                      "prctl(PR_SET_MDWE), SELinux's execmem)") +
          (mayMakeMemoryExecutable()
               ? ""
               : ", and walsh's way around it, code mapped from a memfd, "
                 "was refused too");
  return llvm::createStringError("cannot load the CPU kernel: " + text + " (" +
                                 llvm::toString(std::move(lookup)) + ")" + why);
}

} // namespace walsh
