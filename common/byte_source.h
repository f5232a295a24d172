#pragma once
// Streaming input: a file or standard input, transparently decompressed when it
// starts with the zstd or gzip magic number (a stream of several zstd frames or
// gzip members, as .warc.gz files are, reads as one), read in fixed-size chunks
// so archives of any size are never held in memory.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace dateline::common {

class ByteSource {
 public:
  // "-" opens standard input. Throws InputError when the file cannot be opened.
  static std::unique_ptr<ByteSource> open(const std::string& path);
  // Bytes already in memory (tests, fuzzing), read the same way.
  static std::unique_ptr<ByteSource> from_memory(std::string bytes, std::string name);
  ~ByteSource();
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  // Fills `out` with up to `capacity` decompressed bytes; returns 0 at the end.
  // Throws InputError on read errors and truncated or corrupt zstd or gzip data.
  std::size_t read(char* out, std::size_t capacity);

  // After corrupt compressed data, skips to the next zstd frame or gzip member
  // (found by its magic number) so that reading goes on from there; false when
  // none follows or the input is not compressed.
  bool resume_after_corruption();

  // The first `count` decompressed bytes (fewer at end of input), not consumed.
  std::string_view peek(std::size_t count);

  // Bytes taken from the underlying file so far (compressed size), for progress.
  std::uint64_t raw_bytes_read() const { return raw_bytes_read_; }
  bool compressed() const { return decompressor_ != nullptr; }

 private:
  struct Decompressor;
  struct ZstdDecompressor;
  struct GzipDecompressor;
  ByteSource(int fd, bool owns_fd, std::string name);
  void detect_compression();
  std::size_t read_raw(char* out, std::size_t capacity);
  std::size_t read_unbuffered(char* out, std::size_t capacity);

  int fd_;  // -1 when reading from memory_
  bool owns_fd_;
  std::string memory_;
  std::size_t memory_position_ = 0;
  std::string name_;
  std::string peeked_;
  std::uint64_t raw_bytes_read_ = 0;
  std::unique_ptr<Decompressor> decompressor_;
};

// Splits a ByteSource into lines ending in LF, CRLF or an old Mac's lone CR, counting them.
class LineReader {
 public:
  LineReader(ByteSource& source, std::size_t max_line_bytes);

  // Returns false at the end of input. A line longer than the limit is skipped
  // to its end: `line` is then empty and last_line_oversized() is true.
  bool next(std::string& line);
  std::size_t line_number() const { return line_number_; }
  bool last_line_oversized() const { return oversized_; }

 private:
  bool fill();

  ByteSource& source_;
  std::size_t max_line_bytes_;
  std::string buffer_;
  std::size_t position_ = 0;
  std::size_t line_number_ = 0;
  bool oversized_ = false;
  bool at_end_ = false;
};

// Reads at most `limit` bytes; sets `truncated` when more remained.
std::string read_all(ByteSource& source, std::size_t limit, bool& truncated);

}  // namespace dateline::common
