#include "input_walker.h"

#include <dateline/errors.h>
#include "text_utils.h"

#include <algorithm>
#include <filesystem>

#include <fnmatch.h>

namespace dateline::indexer {
namespace fs = std::filesystem;
namespace {

bool is_article_file(const std::string& name) {
  std::string lower = common::to_lower(name);
  for (const char* suffix : {".zst", ".zstd", ".gz"}) {
    if (common::ends_with(lower, suffix)) lower.resize(lower.size() - std::char_traits<char>::length(suffix));
  }
  for (const char* extension : {".txt", ".text", ".jsonl", ".ndjson", ".sgm", ".sgml", ".html", ".htm", ".warc"}) {
    if (common::ends_with(lower, extension)) return true;
  }
  return false;
}

bool is_documentation(const std::string& name) {
  const std::string lower = common::to_lower(name);
  for (const char* prefix : {"readme", "license", "licence", "copying", "changelog"}) {
    if (common::starts_with(lower, prefix)) return true;
  }
  return false;
}

bool excluded(const std::vector<std::string>& excludes, const std::string& name, const std::string& relative) {
  return std::any_of(excludes.begin(), excludes.end(), [&](const std::string& pattern) {
    return fnmatch(pattern.c_str(), name.c_str(), 0) == 0 || fnmatch(pattern.c_str(), relative.c_str(), 0) == 0;
  });
}

bool hidden(const fs::path& relative) {
  return std::any_of(relative.begin(), relative.end(),
                     [](const fs::path& part) { return part.string().size() > 1 && part.string().front() == '.'; });
}

void add_directory(const std::string& argument, const fs::path& directory, const std::vector<std::string>& excludes,
                   InputPlan& plan) {
  const std::string root_name = directory.filename().string();
  std::vector<InputFile> found;
  std::error_code error;
  for (fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied, error), end;
       it != end; it.increment(error)) {
    if (error) throw UsageError(argument + ": cannot read directory: " + error.message());
    if (!it->is_regular_file(error)) continue;
    const fs::path relative = it->path().lexically_relative(directory);
    const std::string name = it->path().filename().string();
    if (hidden(relative) || is_documentation(name) || !is_article_file(name)) continue;
    if (excluded(excludes, name, relative.generic_string())) continue;
    InputFile file;
    file.path = it->path().string();
    file.display = (fs::path(argument) / relative).lexically_normal().string();
    file.absolute = it->path().string();
    file.file_id = root_name + "/" + relative.generic_string();
    file.size = it->file_size(error);
    found.push_back(std::move(file));
  }
  if (error) throw UsageError(argument + ": cannot read directory: " + error.message());
  std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  for (InputFile& file : found) {
    plan.total_bytes += file.size;
    plan.files.push_back(std::move(file));
  }
  plan.directories.push_back(directory.string());
}

}  // namespace

InputPlan plan_inputs(const std::vector<std::string>& paths, const std::vector<std::string>& excludes) {
  InputPlan plan;
  for (const std::string& argument : paths) {
    if (argument == "-") {
      if (plan.reads_stdin) throw UsageError("standard input (-) given twice");
      plan.reads_stdin = true;
      plan.files.push_back(InputFile{"-", "<stdin>", "-", "stdin", 0});
      continue;
    }
    std::error_code error;
    const fs::file_status status = fs::status(argument, error);
    if (error || !fs::exists(status)) throw UsageError(argument + ": no such file or directory");
    const fs::path canonical = fs::canonical(argument, error);
    if (error) throw UsageError(argument + ": " + error.message());
    if (fs::is_directory(status)) {
      add_directory(argument, canonical, excludes, plan);
    } else if (fs::is_regular_file(status) || fs::is_fifo(status)) {
      InputFile file;
      file.path = argument;
      file.display = argument;
      file.absolute = canonical.string();
      file.file_id = canonical.filename().string();
      file.size = fs::is_regular_file(status) ? fs::file_size(canonical, error) : 0;
      plan.total_bytes += file.size;
      plan.files.push_back(std::move(file));
    } else {
      throw UsageError(argument + ": not a regular file or directory");
    }
  }
  return plan;
}

}  // namespace dateline::indexer
