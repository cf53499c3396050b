#include "core/date.hpp"

#include "core/error.hpp"

#include <array>

namespace waymark::core {

namespace {

constexpr std::array<const char*, 12> month_abbrev{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool digits(std::string_view s) noexcept {
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return !s.empty();
}

int to_int(std::string_view s) noexcept {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

std::optional<Date> make(int y, int m, int d) noexcept {
    const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                          std::chrono::day(static_cast<unsigned>(d))};
    if (m < 1 || m > 12 || d < 1 || d > 31 || !ymd.ok()) return std::nullopt;
    return Date(std::chrono::sys_days(ymd));
}

void put2(std::string& out, unsigned v) {
    out.push_back(static_cast<char>('0' + v / 10));
    out.push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

Date::Date(int year, unsigned month, unsigned day) {
    auto d = make(year, static_cast<int>(month), static_cast<int>(day));
    if (!d)
        throw Error(ErrorKind::invalid_input, "not a real date: " + std::to_string(year) + "-" + std::to_string(month) +
                                                  "-" + std::to_string(day));
    *this = *d;
}

std::optional<Date> Date::try_parse(std::string_view s, bool allow_dmy) noexcept {
    if (s.size() == 10 && s[4] == '-' && s[7] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5, 2)) &&
        digits(s.substr(8, 2))) {
        return make(to_int(s.substr(0, 4)), to_int(s.substr(5, 2)), to_int(s.substr(8, 2)));
    }
    if (allow_dmy && s.size() == 10 && s[2] == '/' && s[5] == '/' && digits(s.substr(0, 2)) && digits(s.substr(3, 2)) &&
        digits(s.substr(6, 4))) {
        return make(to_int(s.substr(6, 4)), to_int(s.substr(3, 2)), to_int(s.substr(0, 2)));
    }
    return std::nullopt;
}

Date Date::parse(std::string_view text, bool allow_dmy) {
    if (auto d = try_parse(text, allow_dmy)) return *d;
    throw Error(ErrorKind::invalid_input, "'" + std::string(text) + "' is not a date (expected YYYY-MM-DD" +
                                              (allow_dmy ? " or DD/MM/YYYY)" : ")"));
}

int Date::year() const {
    return static_cast<int>(ymd().year());
}

std::string Date::iso() const {
    const int y = year();
    if (y >= 0 && y <= 9999) {
        char buf[10];
        write_iso(buf, *this);
        return std::string(buf, sizeof buf);
    }
    const auto ymd = this->ymd();
    std::string out = std::to_string(y);
    out.push_back('-');
    put2(out, static_cast<unsigned>(ymd.month()));
    out.push_back('-');
    put2(out, static_cast<unsigned>(ymd.day()));
    return out;
}

char* write_iso(char* p, Date d) noexcept {
    // Days since 1970 to a civil date (H. Hinnant's civil_from_days).
    const std::int64_t z = d.serial() + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned day = doy - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    const auto year =
        static_cast<unsigned>((static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0)) % 10000);
    p[0] = static_cast<char>('0' + year / 1000);
    p[1] = static_cast<char>('0' + year / 100 % 10);
    p[2] = static_cast<char>('0' + year / 10 % 10);
    p[3] = static_cast<char>('0' + year % 10);
    p[4] = '-';
    p[5] = static_cast<char>('0' + month / 10);
    p[6] = static_cast<char>('0' + month % 10);
    p[7] = '-';
    p[8] = static_cast<char>('0' + day / 10);
    p[9] = static_cast<char>('0' + day % 10);
    return p + 10;
}

std::string Date::long_display() const {
    static constexpr std::array<const char*, 12> month_name{"January",   "February", "March",    "April",
                                                            "May",       "June",     "July",     "August",
                                                            "September", "October",  "November", "December"};
    const auto ymd = this->ymd();
    return std::to_string(static_cast<unsigned>(ymd.day())) + " " +
           month_name.at(static_cast<unsigned>(ymd.month()) - 1) + " " + std::to_string(static_cast<int>(ymd.year()));
}

std::string Date::display() const {
    const auto ymd = this->ymd();
    return std::to_string(static_cast<unsigned>(ymd.day())) + " " +
           month_abbrev.at(static_cast<unsigned>(ymd.month()) - 1) + " " + std::to_string(static_cast<int>(ymd.year()));
}

Date operator+(Date d, Months n) {
    auto ymd = d.ymd();
    auto target = std::chrono::year_month(ymd.year(), ymd.month()) + std::chrono::months(n.count);
    const auto last =
        std::chrono::year_month_day_last(target.year(), std::chrono::month_day_last(target.month())).day();
    const auto day = ymd.day() > last ? last : ymd.day();
    return Date(std::chrono::sys_days(std::chrono::year_month_day(target.year(), target.month(), day)));
}

Date operator-(Date d, Months n) {
    return d + Months{-n.count};
}

int age_in_years(Date born, Date on) {
    const auto b = born.ymd();
    const auto o = on.ymd();
    int age = static_cast<int>(o.year()) - static_cast<int>(b.year());
    if (std::chrono::month_day(o.month(), o.day()) < std::chrono::month_day(b.month(), b.day())) --age;
    return age;
}

}  // namespace waymark::core
