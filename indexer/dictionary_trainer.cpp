#include "dictionary_trainer.h"

namespace dateline::indexer {

DictionaryTrainer::DictionaryTrainer(const common::StoredCodec& codec) {
  if (codec.has_dictionary()) codec_ = std::make_shared<const common::StoredCodec>(codec);
}

std::shared_ptr<const common::StoredCodec> DictionaryTrainer::codec() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return codec_;
}

bool DictionaryTrainer::hold(IndexedArticle&& article) {
  held_.push_back(std::move(article));
  return held_.size() >= kSamples;
}

std::vector<IndexedArticle> DictionaryTrainer::train(std::string& dictionary) {
  std::vector<std::string> samples;
  samples.reserve(held_.size());
  for (const IndexedArticle& article : held_) samples.push_back(article.stored_json);
  dictionary = common::StoredCodec::train_dictionary(samples);
  auto codec = dictionary.empty() ? std::make_shared<const common::StoredCodec>()
                                  : std::make_shared<const common::StoredCodec>(dictionary);
  for (IndexedArticle& article : held_) compress_stored(article, *codec);
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    codec_ = std::move(codec);
  }
  return std::exchange(held_, {});
}

}  // namespace dateline::indexer
