#include "core/council.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace waymark::core {

namespace {

// The council areas as in the Scottish Register of Geographic Codes (Scottish Government,
// statistics.gov.scot "standard geography code register", entity S12 "Council Area", 2019
// codes, the ones in use; ONS's Register of Geographic Codes lists the same), by code.
constexpr std::array<std::pair<std::string_view, std::string_view>, 32> kCouncils{{
    {"S12000005", "Clackmannanshire"},
    {"S12000006", "Dumfries and Galloway"},
    {"S12000008", "East Ayrshire"},
    {"S12000010", "East Lothian"},
    {"S12000011", "East Renfrewshire"},
    {"S12000013", "Na h-Eileanan Siar"},
    {"S12000014", "Falkirk"},
    {"S12000017", "Highland"},
    {"S12000018", "Inverclyde"},
    {"S12000019", "Midlothian"},
    {"S12000020", "Moray"},
    {"S12000021", "North Ayrshire"},
    {"S12000023", "Orkney Islands"},
    {"S12000026", "Scottish Borders"},
    {"S12000027", "Shetland Islands"},
    {"S12000028", "South Ayrshire"},
    {"S12000029", "South Lanarkshire"},
    {"S12000030", "Stirling"},
    {"S12000033", "Aberdeen City"},
    {"S12000034", "Aberdeenshire"},
    {"S12000035", "Argyll and Bute"},
    {"S12000036", "City of Edinburgh"},
    {"S12000038", "Renfrewshire"},
    {"S12000039", "West Dunbartonshire"},
    {"S12000040", "West Lothian"},
    {"S12000041", "Angus"},
    {"S12000042", "Dundee City"},
    {"S12000045", "East Dunbartonshire"},
    {"S12000047", "Fife"},
    {"S12000048", "Perth and Kinross"},
    {"S12000049", "Glasgow City"},
    {"S12000050", "North Lanarkshire"},
}};

static_assert(std::is_sorted(kCouncils.begin(), kCouncils.end()), "kept in code order for the search");

}  // namespace

std::optional<std::string_view> council_name(std::string_view code) noexcept {
    const auto at = std::lower_bound(kCouncils.begin(), kCouncils.end(), code,
                                     [](const auto& c, std::string_view k) { return c.first < k; });
    if (at == kCouncils.end() || at->first != code) return std::nullopt;
    return at->second;
}

std::string_view council_words(std::string_view code) noexcept {
    return council_name(code).value_or(code);
}

}  // namespace waymark::core
