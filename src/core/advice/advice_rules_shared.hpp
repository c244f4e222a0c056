#pragma once
// What the parts of the advice engine's rules share (advice_rules.cpp defines it): private to
// src/core/advice/, so it is not under include/. Every rule, its thresholds and its tests are
// declared in niggle/core/advice_rules.hpp.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "niggle/core/advice_rules.hpp"

namespace niggle::rules {

// Means and ratios are compared with a little slack for floating-point noise, so that a mean
// of 4.0 against 3.0 is exactly one point more and 22 km is not "more than 1.10 x 20 km".
inline constexpr double kEpsilon = 1e-9;

// L5 uses the windows of the acute:chronic literature (Gabbett 2016): the last 7 days
// against the 28 days before them. They are conventions of the ratio, not tunable thresholds.
inline constexpr int kAcuteDays = 7;
inline constexpr int kChronicDays = 28;

// P7 compares the last 7 days with the 7 before.
inline constexpr int kTrendDays = 7;

// P7 and P9 compare means of daily pain: one day's score is not a trend, so each side of a
// comparison needs at least two days with entries.
inline constexpr int kMinDaysForMean = 2;

// The sources of each rule, as ADVICE-RULES.md v2 cites them: the documents by title and
// kind (advice_sources.hpp), the studies by author, journal and year.
std::string source_p1();
std::string source_p2();
std::string source_p3();
std::string source_p3b();
std::string source_p3c();
std::string source_p4();
std::string source_p5();
std::string source_p6();
std::string source_p7();
std::string source_p8();
std::string source_p9();
std::string source_l1();
std::string source_l1b();
std::string source_l2();
std::string source_l2_return();
std::string source_l2b();
std::string source_l3();
std::string source_l4();
std::string source_l5();
std::string source_t();
std::string source_easy();

Reason make_reason(std::string_view rule, std::string_view name, std::string source);

std::string day_label(Date day);

// Caps and budgets, rounded down so that they are never overstated.
std::string distance(const Facts& facts, double metres);
// Distances already run, rounded to nearest as `week` shows them.
std::string done(const Facts& facts, double metres);

// " (2 runs logged by time only, without a distance)".
std::string untimed_note(int count);

// "1 day", "3 days".
std::string days_text(int count);

std::string number(double value);
std::string mean_text(double value);

// Symptoms in plain words, for messages.
std::string_view symptom_words(Symptom symptom);

void add_unique(std::vector<std::string>& list, std::string item);

std::string capitalised(std::string text);

// "a, b and c".
std::string listing(const std::vector<std::string>& items);

// Symptoms felt in the leg: in both legs (`--side both`) they are a red flag (P1, bilateral
// sciatica); on one side a nerve sign (P8).
bool is_leg_symptom(Symptom symptom);

bool is_red_flag(const PainEntry& entry, Symptom symptom);

std::string red_flag_words(Symptom symptom);

// True when entry `a` was recorded before entry or visit `b` of the same history: by day,
// then by id (ids follow recording order across every kind of entry).
bool before(const EntryMeta& a, const EntryMeta& b);

// A visit that acknowledges a reason whose episode began with `first` (ADVICE-RULES.md
// "Visits"): the latest visit on or after it, unless the pain got worse after the visit (a
// higher score than any of the episode before it, or a symptom of `kinds` not recorded
// before it).
struct Acknowledgement {
  std::optional<Visit> visit;
  bool worse_after = false;
};
Acknowledgement acknowledgement(const Facts& facts, const EntryMeta& first, std::optional<SymptomClass> kinds,
                                bool (*assessing)(VisitKind) = nullptr);

std::string visit_words(VisitKind kind);

struct Mean {
  std::optional<double> value;
  int days = 0;
};

// The mean of the daily peaks on days in [first, last] with entries.
Mean mean_pain(std::span<const DailyPain> daily, Date first, Date last);

// The latest pain when it is fresh enough to judge today by.
const PainEntry* fresh_pain(const Facts& facts);

// "4/10 (Tue 2026-11-24 morning, lower-back, better walking)".
std::string describe_latest(const Facts& facts);

std::string walking_words(std::optional<Walking> walking);

std::string stale_message(const Facts& facts);

std::string alternatives(std::optional<Walking> walking);

}  // namespace niggle::rules
