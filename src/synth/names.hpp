#pragma once
// Names (synthetic; Scottish, some in Gaelic or Irish spelling so that UTF-8 is exercised).
#include <array>

namespace waymark::synth {

inline constexpr std::array<const char*, 32> kGirls{
    "Siobhán",  "Eilidh", "Seònaid", "Máire", "Caitlín", "Mòrag",  "Ciorstaidh", "Ealasaid",
    "Catrìona", "Sìne",   "Peigi",   "Aoife", "Niamh",   "Isla",   "Ava",        "Olivia",
    "Freya",    "Emily",  "Sophie",  "Ellie", "Amelia",  "Grace",  "Millie",     "Lily",
    "Rosie",    "Mia",    "Orla",    "Skye",  "Kirsty",  "Morven", "Iona",       "Ailsa"};
inline constexpr std::array<const char*, 32> kBoys{
    "Ruairí", "Dàibhidh", "Seumas",  "Calum",    "Lachlan",  "Fionn",   "Hamish", "Euan",  "Callum", "Jack",  "Noah",
    "Harris", "Lewis",    "Finlay",  "Rory",     "Alasdair", "Ruaridh", "Iain",   "Angus", "Murdo",  "Tòmas", "Eòin",
    "Niall",  "Cailean",  "Aonghas", "Dòmhnall", "Ciarán",   "Oisín",   "Jamie",  "Kyle",  "Logan",  "Archie"};
inline constexpr std::array<const char*, 40> kFamilies{
    "Ó Briain",  "MacAoidh", "MacDhòmhnaill", "Caimbeul", "MacLeòid",  "Ó Dochartaigh",  "Mac an t-Saoir", "O'Neill",
    "Smith",     "Brown",    "Wilson",        "Campbell", "Stewart",   "Thomson",        "Robertson",      "Anderson",
    "MacDonald", "Scott",    "Reid",          "Murray",   "Taylor",    "Clark",          "Ross",           "Watson",
    "Morrison",  "Paterson", "Young",         "Mitchell", "Fraser",    "Graham",         "Henderson",      "Kerr",
    "Hamilton",  "McLean",   "MacKenzie",     "Docherty", "Gallacher", "Smith-Campbell", "Nic a' Phì",     "Sinclair"};

}  // namespace waymark::synth
