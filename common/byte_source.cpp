#include "byte_source.h"

#include <dateline/errors.h>

#include "text_utils.h"

#include <zlib.h>
#include <zstd.h>

#include <fcntl.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace dateline::common {
namespace {

constexpr std::size_t kChunkBytes = 1 << 16;
constexpr std::string_view kZstdMagic("\x28\xB5\x2F\xFD", 4);
constexpr std::string_view kGzipMagic("\x1F\x8B\x08", 3);  // deflate, the only method gzip has

std::string errno_text() { return std::strerror(errno); }

}  // namespace

// What the zstd and gzip decoders share: the compressed input buffer and the
// search for the next frame or member after corrupt data.
struct ByteSource::Decompressor {
  explicit Decompressor(std::string_view magic) : magic(magic) {}
  virtual ~Decompressor() = default;
  Decompressor(const Decompressor&) = delete;
  Decompressor& operator=(const Decompressor&) = delete;

  // Up to `capacity` decompressed bytes; 0 at the end of the input.
  virtual std::size_t read(ByteSource& source, char* out, std::size_t capacity) = 0;
  // Starts a new frame or member at input[position].
  virtual void reset() = 0;

  // Makes compressed bytes available at input[position]; false at the end of the file.
  bool fill(ByteSource& source) {
    if (position < input.size()) return true;
    input.resize(kChunkBytes);
    input.resize(source.read_raw(input.data(), input.size()));
    position = 0;
    return !input.empty();
  }

  bool resume(ByteSource& source) {
    ++position;  // at least one byte on, past the start of the broken frame or member
    for (;;) {
      const std::size_t found = std::string_view(input).find(magic, std::min(position, input.size()));
      if (found != std::string_view::npos) {
        position = found;
        reset();
        return true;
      }
      // Keep a possible start of the magic number at the end of the buffer.
      const std::size_t keep = std::min(input.size(), magic.size() - 1);
      std::string tail = input.substr(input.size() - keep);
      input.resize(kChunkBytes);
      std::memcpy(input.data(), tail.data(), keep);
      const std::size_t got = source.read_raw(input.data() + keep, input.size() - keep);
      input.resize(keep + got);
      position = 0;
      if (got == 0) return false;
    }
  }

  const std::string_view magic;
  std::string input;
  std::size_t position = 0;
};

struct ByteSource::ZstdDecompressor : ByteSource::Decompressor {
  ZstdDecompressor() : Decompressor(kZstdMagic) {}
  ~ZstdDecompressor() override { ZSTD_freeDStream(stream); }
  ZstdDecompressor(const ZstdDecompressor&) = delete;
  ZstdDecompressor& operator=(const ZstdDecompressor&) = delete;

  void reset() override {
    ZSTD_DCtx_reset(stream, ZSTD_reset_session_only);
    frame_complete = true;
  }

  std::size_t read(ByteSource& source, char* out, std::size_t capacity) override {
    ZSTD_outBuffer output{out, capacity, 0};
    while (output.pos == 0) {
      if (!fill(source)) {
        if (!frame_complete) {
          throw InputError(source.name_ + ": truncated zstd data (the stream ends inside a frame at byte " +
                           std::to_string(source.raw_bytes_read_) + ")");
        }
        return 0;
      }
      ZSTD_inBuffer in{input.data(), input.size(), position};
      const std::size_t hint = ZSTD_decompressStream(stream, &output, &in);
      position = in.pos;
      if (ZSTD_isError(hint)) {
        throw InputError(source.name_ + ": corrupt zstd data near byte " + std::to_string(source.raw_bytes_read_) +
                         ": " + ZSTD_getErrorName(hint));
      }
      frame_complete = hint == 0;
    }
    return output.pos;
  }

  ZSTD_DStream* stream = ZSTD_createDStream();
  bool frame_complete = true;
};

struct ByteSource::GzipDecompressor : ByteSource::Decompressor {
  GzipDecompressor() : Decompressor(kGzipMagic) {
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw InputError("cannot start zlib");
  }
  ~GzipDecompressor() override { inflateEnd(&stream); }
  GzipDecompressor(const GzipDecompressor&) = delete;
  GzipDecompressor& operator=(const GzipDecompressor&) = delete;

  void reset() override {
    inflateReset(&stream);
    member_complete = true;
  }

  std::size_t read(ByteSource& source, char* out, std::size_t capacity) override {
    stream.next_out = reinterpret_cast<Bytef*>(out);
    stream.avail_out = static_cast<uInt>(capacity);
    while (stream.avail_out == capacity) {
      if (!fill(source)) {
        if (!member_complete) {
          throw InputError(source.name_ + ": truncated gzip data (the stream ends inside a member at byte " +
                           std::to_string(source.raw_bytes_read_) + ")");
        }
        return 0;
      }
      if (member_complete) reset();  // the next member of a multi-member file (.warc.gz: one a record)
      stream.next_in = reinterpret_cast<Bytef*>(input.data() + position);
      stream.avail_in = static_cast<uInt>(input.size() - position);
      const int result = inflate(&stream, Z_NO_FLUSH);
      const std::size_t used = input.size() - position - stream.avail_in;
      position += used;
      if (result == Z_STREAM_END) {
        member_complete = true;
      } else if (result == Z_OK || result == Z_BUF_ERROR) {
        member_complete = false;
      } else {
        throw InputError(source.name_ + ": corrupt gzip data near byte " + std::to_string(source.raw_bytes_read_) +
                         ": " + (stream.msg != nullptr ? stream.msg : "inflate failed"));
      }
    }
    return capacity - stream.avail_out;
  }

  z_stream stream{};
  bool member_complete = true;
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
  std::string head(kZstdMagic.size(), '\0');
  std::size_t got = 0;
  while (got < head.size()) {
    const std::size_t n = read_raw(head.data() + got, head.size() - got);
    if (n == 0) break;
    got += n;
  }
  head.resize(got);
  if (starts_with(head, kZstdMagic)) {
    decompressor_ = std::make_unique<ZstdDecompressor>();
  } else if (starts_with(head, kGzipMagic)) {
    decompressor_ = std::make_unique<GzipDecompressor>();
  } else {
    peeked_ = head;
    return;
  }
  decompressor_->input = head;
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

std::size_t ByteSource::read_unbuffered(char* out, std::size_t capacity) {
  return decompressor_ ? decompressor_->read(*this, out, capacity) : read_raw(out, capacity);
}

bool ByteSource::resume_after_corruption() {
  if (!decompressor_) return false;
  peeked_.clear();
  return decompressor_->resume(*this);
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
