#include "byte_source.h"

#include <dateline/errors.h>

#include <zstd.h>

#include <fcntl.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace dateline::common {
namespace {

constexpr std::size_t kChunkBytes = 1 << 16;
constexpr unsigned char kZstdMagic[4] = {0x28, 0xB5, 0x2F, 0xFD};

std::string errno_text() { return std::strerror(errno); }

}  // namespace

struct ByteSource::Decompressor {
  ZSTD_DStream* stream = ZSTD_createDStream();
  std::string input = std::string(ZSTD_DStreamInSize(), '\0');
  ZSTD_inBuffer in{input.data(), 0, 0};
  bool frame_complete = true;
  bool input_exhausted = false;
  ~Decompressor() { ZSTD_freeDStream(stream); }
};

std::unique_ptr<ByteSource> ByteSource::open(const std::string& path) {
  std::unique_ptr<ByteSource> source;
  if (path == "-") {
    source.reset(new ByteSource(STDIN_FILENO, false, "<stdin>"));
  } else {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(path + ": cannot open: " + errno_text());
    source.reset(new ByteSource(fd, true, path));
  }
  source->detect_compression();
  return source;
}

std::unique_ptr<ByteSource> ByteSource::from_memory(std::string bytes, std::string name) {
  std::unique_ptr<ByteSource> source(new ByteSource(-1, false, std::move(name)));
  source->memory_ = std::move(bytes);
  source->detect_compression();
  return source;
}

void ByteSource::detect_compression() {
  std::string head(sizeof kZstdMagic, '\0');
  std::size_t got = 0;
  while (got < head.size()) {
    const std::size_t n = read_raw(head.data() + got, head.size() - got);
    if (n == 0) break;
    got += n;
  }
  head.resize(got);
  if (head.size() == sizeof kZstdMagic && std::memcmp(head.data(), kZstdMagic, sizeof kZstdMagic) == 0) {
    decompressor_ = std::make_unique<Decompressor>();
    std::memcpy(decompressor_->input.data(), head.data(), head.size());
    decompressor_->in.size = head.size();
  } else {
    peeked_ = head;
  }
}

ByteSource::ByteSource(int fd, bool owns_fd, std::string name) : fd_(fd), owns_fd_(owns_fd), name_(std::move(name)) {}

ByteSource::~ByteSource() {
  if (owns_fd_) ::close(fd_);
}

std::size_t ByteSource::read_raw(char* out, std::size_t capacity) {
  if (fd_ < 0) {
    const std::size_t n = std::min(capacity, memory_.size() - memory_position_);
    std::memcpy(out, memory_.data() + memory_position_, n);
    memory_position_ += n;
    raw_bytes_read_ += n;
    return n;
  }
  for (;;) {
    const ssize_t n = ::read(fd_, out, capacity);
    if (n >= 0) {
      raw_bytes_read_ += static_cast<std::uint64_t>(n);
      return static_cast<std::size_t>(n);
    }
    if (errno != EINTR) throw InputError(name_ + ": read error: " + errno_text());
  }
}

std::size_t ByteSource::read_decompressed(char* out, std::size_t capacity) {
  Decompressor& z = *decompressor_;
  ZSTD_outBuffer output{out, capacity, 0};
  while (output.pos == 0) {
    if (z.in.pos == z.in.size && !z.input_exhausted) {
      z.in.size = read_raw(z.input.data(), z.input.size());
      z.in.pos = 0;
      z.input_exhausted = z.in.size == 0;
    }
    if (z.in.pos == z.in.size && z.input_exhausted) {
      if (!z.frame_complete) {
        throw InputError(name_ + ": truncated zstd data (the stream ends inside a frame at byte " +
                         std::to_string(raw_bytes_read_) + ")");
      }
      return 0;
    }
    const std::size_t hint = ZSTD_decompressStream(z.stream, &output, &z.in);
    if (ZSTD_isError(hint)) {
      throw InputError(name_ + ": corrupt zstd data near byte " + std::to_string(raw_bytes_read_) + ": " +
                       ZSTD_getErrorName(hint));
    }
    z.frame_complete = hint == 0;
  }
  return output.pos;
}

std::size_t ByteSource::read_unbuffered(char* out, std::size_t capacity) {
  return decompressor_ ? read_decompressed(out, capacity) : read_raw(out, capacity);
}

std::size_t ByteSource::read(char* out, std::size_t capacity) {
  if (!peeked_.empty()) {
    const std::size_t n = std::min(capacity, peeked_.size());
    std::memcpy(out, peeked_.data(), n);
    peeked_.erase(0, n);
    return n;
  }
  return read_unbuffered(out, capacity);
}

std::string_view ByteSource::peek(std::size_t count) {
  while (peeked_.size() < count) {
    char chunk[4096];
    const std::size_t n = read_unbuffered(chunk, std::min(sizeof chunk, count - peeked_.size()));
    if (n == 0) break;
    peeked_.append(chunk, n);
  }
  return std::string_view(peeked_).substr(0, count);
}

LineReader::LineReader(ByteSource& source, std::size_t max_line_bytes)
    : source_(source), max_line_bytes_(max_line_bytes) {}

bool LineReader::fill() {
  if (at_end_) return false;
  if (position_ > 0) {
    buffer_.erase(0, position_);
    position_ = 0;
  }
  const std::size_t old_size = buffer_.size();
  buffer_.resize(old_size + kChunkBytes);
  const std::size_t n = source_.read(buffer_.data() + old_size, kChunkBytes);
  buffer_.resize(old_size + n);
  at_end_ = n == 0;
  return n > 0;
}

bool LineReader::next(std::string& line) {
  line.clear();
  oversized_ = false;
  std::size_t search_from = position_;
  for (;;) {
    const std::size_t end = buffer_.find_first_of("\r\n", search_from);
    // A CR at the end of the buffer may be the first half of a CRLF: read on first.
    const bool cr_at_end = end != std::string::npos && buffer_[end] == '\r' && end + 1 == buffer_.size() && !at_end_;
    if (end != std::string::npos && !cr_at_end) {
      if (!oversized_) line.assign(buffer_, position_, end - position_);
      const bool crlf = buffer_[end] == '\r' && end + 1 < buffer_.size() && buffer_[end + 1] == '\n';
      position_ = end + (crlf ? 2 : 1);
      break;
    }
    std::size_t scanned = (cr_at_end ? end : buffer_.size()) - position_;
    if (buffer_.size() - position_ > max_line_bytes_) {
      // Forget what we have of an oversized line and keep looking for its end.
      oversized_ = true;
      buffer_.clear();
      position_ = 0;
      scanned = 0;
    }
    if (!fill()) {
      const bool nothing_left = position_ == buffer_.size();
      if (nothing_left && !oversized_) return false;
      if (!oversized_) line.assign(buffer_, position_, std::string::npos);
      position_ = buffer_.size();
      break;
    }
    search_from = position_ + scanned;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  ++line_number_;
  return true;
}

std::string read_all(ByteSource& source, std::size_t limit, bool& truncated) {
  std::string data;
  truncated = false;
  char chunk[kChunkBytes];
  for (;;) {
    const std::size_t n = source.read(chunk, sizeof chunk);
    if (n == 0) break;
    if (data.size() + n > limit) {
      truncated = true;
      data.append(chunk, limit - data.size());
      break;
    }
    data.append(chunk, n);
  }
  return data;
}

}  // namespace dateline::common
