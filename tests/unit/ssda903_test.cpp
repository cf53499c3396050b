// The SSDA903 importer (docs/interop.md): several overlapping years at once, one by one, the same
// year twice and in reverse order store the same journeys; problems name file, line and column;
// nothing is stored when anything is wrong. The years are made from the validator's fake
// returns (tests/fixtures/ssda903-fake): 2017 is their rows, 2018 and 2019 edited copies with a
// re-dated episode, a dropped one, closed ones and a new child.
#include "app/ssda903.hpp"
#include "app/standards_file.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using waymark::app::ImportError;
using waymark::app::Ssda903Options;
using waymark::app::Ssda903Return;
using waymark::core::Date;

namespace {

constexpr const char* kLa = "E08000025";

const std::string kEpisodeHeader =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";
const std::string kHeaderHeader = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n";

// 2017-18: the fake return's rows of five children, unchanged.
const std::string kHeader2017 = kHeaderHeader +
                                "127650,2,24/02/2013,APKN,H074918622972,,\n"
                                "75087,2,17/09/2002,WIRT,O018581859484,,\n"
                                "16929,2,21/04/2001,WBRI,L029605741465,,\n"
                                "141617,1,02/05/2009,WBRI,X0,,\n"
                                "919903,2,11/11/2010,WBRI,X0,,\n";
const std::string kEpisodes2017 = kEpisodeHeader +
                                  "127650,18/09/2016,P,E1,N3,P1,PR2,24/01/2018,X1,,EY9 1EL,WW11 6LW,9786950\n"
                                  "127650,24/01/2018,L,J3,N3,P1,PR2,01/03/2018,X1,CARPL,EY9 1EL,WW11 6LW,9786950\n"
                                  "127650,01/03/2018,P,J3,N3,A6,PR2,,X1,PLACE,EG3 4FI,WU20 8MV,6643445\n"
                                  "75087,15/07/2015,S,L1,N1,U2,PR1,24/06/2017,X1,APPRR,,,7953736\n"
                                  "75087,24/06/2017,T,L1,N1,A3,PR5,01/08/2017,X1,LAREQ,,,5314090\n"
                                  "75087,01/08/2017,P,L1,N1,S1,PR4,10/10/2017,X1,STAND,,,3985379\n"
                                  "75087,10/10/2017,P,L1,N1,U1,PR4,25/01/2018,E11,,,,3104935\n"
                                  "16929,07/12/2016,P,V4,N3,K2,PR5,11/04/2017,X1,APPRR,,,8596092\n"
                                  "16929,11/04/2017,P,V4,N3,A6,PR0,13/07/2017,X1,,,,4789588\n"
                                  "16929,13/07/2017,L,E1,N3,A6,PR0,26/07/2017,X1,LAREQ,,,4789588\n"
                                  "16929,26/07/2017,P,E1,N3,P1,PR0,03/10/2017,X1,,,,5332435\n"
                                  "16929,03/10/2017,L,D1,N3,P1,PR0,,E4B,,,,5332435\n"
                                  "141617,06/05/2016,P,L1,N2,A6,PR1,19/04/2017,X1,,,,1\n"
                                  "141617,19/04/2017,P,L1,N2,K1,PR1,26/10/2017,E3,,,,1\n"
                                  "141617,31/01/2018,S,E1,N2,P1,PR1,,E14,,,,1\n"
                                  "919903,05/08/2015,P,D1,N1,P1,PR1,26/07/2017,X1,,,,1\n"
                                  "919903,26/07/2017,P,D1,N1,U2,PR1,15/10/2017,E12,,,,1\n"
                                  "919903,03/11/2017,S,V2,N1,R5,PR1,,X1,,,,1\n";

// 2018-19: the open episodes carried over (closed or not), 141617's re-dated (it started on 2
// February, not 31 January), 919903's dropped, and a new child.
const std::string kHeader2018 = kHeaderHeader +
                                "127650,2,24/02/2013,APKN,H074918622972,,\n"
                                "16929,2,21/04/2001,WBRI,L029605741465,,\n"
                                "141617,1,02/05/2009,WBRI,X0,,\n"
                                "919903,2,11/11/2010,WBRI,X0,,\n"
                                "NEW1,1,01/01/2018,WBRI,X0,,\n";
const std::string kEpisodes2018 = kEpisodeHeader +
                                  "127650,01/03/2018,P,J3,N3,A6,PR2,10/10/2018,E11,PLACE,,,6643445\n"
                                  "16929,03/10/2017,L,D1,N3,P1,PR0,01/06/2018,E4B,,,,5332435\n"
                                  "141617,02/02/2018,S,E1,N2,P1,PR1,,,,,,1\n"
                                  "NEW1,01/05/2018,S,C2,N1,U4,PR1,,,,,,1\n";

// 2019-20: 141617 goes home for good; NEW1 moves to other foster carers.
const std::string kHeader2019 = kHeaderHeader +
                                "141617,1,02/05/2009,WBRI,X0,,\n"
                                "NEW1,1,01/01/2018,WBRI,X0,,\n";
const std::string kEpisodes2019 = kEpisodeHeader +
                                  "141617,02/02/2018,S,E1,N2,P1,PR1,01/07/2019,E4A,,,,1\n"
                                  "NEW1,01/05/2018,S,C2,N1,U4,PR1,01/09/2019,X1,,,,1\n"
                                  "NEW1,01/09/2019,P,C2,N1,U6,PR1,,,CARPL,,,2\n";

class Ssda903Test : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("waymark-ssda903-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        make_year(2017, kHeader2017, kEpisodes2017);
        make_year(2018, kHeader2018, kEpisodes2018);
        make_year(2019, kHeader2019, kEpisodes2019);
    }
    void TearDown() override { fs::remove_all(dir_); }

    void make_year(int year, const std::string& header, const std::string& episodes) {
        const auto folder = dir_ / std::to_string(year);
        fs::create_directories(folder);
        std::ofstream(folder / "header.csv", std::ios::binary) << header;
        std::ofstream(folder / "episodes.csv", std::ios::binary) << episodes;
    }
    std::string folder(int year) const { return (dir_ / std::to_string(year)).string(); }

    waymark::app::Ssda903Result run(const std::string& db, const std::vector<int>& years) {
        waymark::store::SqliteStore store(db, set_.vocabulary);
        Ssda903Options o;
        for (int y : years) o.returns.push_back({y, folder(y)});
        o.local_authority = kLa;
        o.today = Date::parse("2026-11-26");
        return waymark::app::import_ssda903(store, set_.vocabulary, o);
    }

    // The stored journeys: every child with the events that count (cancelled ones are the trace
    // of what an earlier import stored and a later return corrected), in the store's order.
    std::string journeys(const std::string& db, bool with_cancelled = false) {
        waymark::store::SqliteStore store(db, set_.vocabulary);
        std::string out;
        store.for_each_journey({std::nullopt, std::nullopt, true, {}},
                               [&](const waymark::core::ChildRecord& c, std::span<const waymark::core::Event> es) {
                                   out += c.local_authority + "/" + c.child_id + " " + c.sex + " " +
                                          (c.date_of_birth ? c.date_of_birth->iso() : "") + "\n";
                                   for (const auto& e : es) {
                                       if (!with_cancelled && e.status == waymark::core::EventStatus::cancelled)
                                           continue;
                                       out += "  " + e.date.iso() + " " + std::string(set_.vocabulary.name(e.type)) +
                                              " " + std::string(waymark::core::to_string(e.status)) + " " + e.details +
                                              " " + e.agency + " " + e.event_id + " " + e.note + "\n";
                                   }
                               });
        return out;
    }
    std::string db(const std::string& name) const { return (dir_ / (name + ".db")).string(); }

    fs::path dir_;
    waymark::app::StandardSet set_ = waymark::app::default_standards();
};

TEST_F(Ssda903Test, AnyGroupingOfTheYearsStoresTheSameJourneys) {
    run(db("all"), {2017, 2018, 2019});
    const std::string all = journeys(db("all"));

    run(db("one_by_one"), {2017});
    run(db("one_by_one"), {2018});
    run(db("one_by_one"), {2019});

    run(db("twice"), {2017});
    run(db("twice"), {2017});
    run(db("twice"), {2017, 2018});
    run(db("twice"), {2018, 2019});
    run(db("twice"), {2017, 2018, 2019});

    run(db("reverse"), {2019});
    run(db("reverse"), {2018});
    run(db("reverse"), {2017});

    EXPECT_EQ(journeys(db("one_by_one")), all);
    EXPECT_EQ(journeys(db("twice")), all);
    EXPECT_EQ(journeys(db("reverse")), all);

    // What the merged chain says, worked out from the episodes above.
    // 919903's second period (3 Nov 2017) was dropped by the 2018 return.
    EXPECT_EQ(all.find("903:919903:ep:2017-11-03 "), std::string::npos) << all;
    // 141617's period starts on the re-dated day and ends at home in 2019.
    EXPECT_NE(all.find("2018-02-02 looked_after_at_home occurred  social_work 903:141617:ep:2018-02-02 "),
              std::string::npos)
        << all;
    EXPECT_EQ(all.find("903:141617:ep:2018-01-31"), std::string::npos) << all;
    EXPECT_NE(all.find("2019-07-01 ceased_looked_after occurred destination=home social_work "
                       "903:141617:ep:2018-02-02:end SSDA903 REC=E4A"),
              std::string::npos)
        << all;
    // 127650 adopted in 2018: the order and the ceasing, on the day the episode ended.
    EXPECT_NE(all.find("2018-10-10 order_granted occurred order=adoption court 903:127650:ep:2018-03-01:order"),
              std::string::npos)
        << all;
    // NEW1 moved foster carers in 2019.
    EXPECT_NE(all.find("2019-09-01 placement_change occurred placement=foster social_work 903:NEW1:ep:2019-09-01 "
                       "SSDA903 RNE=P LS=C2 CIN=N1 PLACE=U6 RETURN=2019"),
              std::string::npos)
        << all;

    // One by one, the events the later returns corrected are kept, cancelled, under their ids.
    const std::string traced = journeys(db("one_by_one"), true);
    EXPECT_NE(traced.find("2017-11-03 accommodated cancelled placement=other;basis=s20 social_work "
                          "903:919903:ep:2017-11-03 SSDA903: no longer in the returns"),
              std::string::npos)
        << traced;
    EXPECT_NE(traced.find("2018-01-31 looked_after_at_home cancelled  social_work 903:141617:ep:2018-01-31 "),
              std::string::npos)
        << traced;
}

TEST_F(Ssda903Test, TheSameYearTwiceAddsNothing) {
    const auto first = run(db("w"), {2017});
    EXPECT_GT(first.written.events_added, 0U);
    const auto second = run(db("w"), {2017});
    EXPECT_EQ(second.written.events_added, 0U);
    EXPECT_EQ(second.written.events_replaced, 0U);
    EXPECT_EQ(second.cancelled, 0U);
    EXPECT_EQ(second.written.events_unchanged, first.written.events_added);
}

TEST_F(Ssda903Test, OverlappingEpisodesAreNamedAndNothingIsStored) {
    run(db("w"), {2017});
    const std::string before = journeys(db("w"), true);
    // 2018 with an episode of 16929 that begins before the carried-over one ended.
    make_year(2018, kHeader2018,
              kEpisodes2018 + "16929,01/05/2018,P,D1,N3,U4,PR0,,,,,,1\n" + "NEW1,01/05/2018,B,C2,N1,U4,PR1,,,,,,1\n");
    try {
        run(db("w"), {2018});
        FAIL() << "an overlapping chain was imported";
    } catch (const ImportError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(folder(2018) + "/episodes.csv:6:2: DECOM: child 16929's episode starting 2018-05-01 "
                                           "begins before the episode starting 2017-10-03 ended (2018-06-01)"),
                  std::string::npos)
            << what;
        EXPECT_NE(what.find(folder(2018) + "/episodes.csv:7:2: DECOM: child NEW1 has an episode starting 2018-05-01 "
                                           "already on line 5"),
                  std::string::npos)
            << what;
    }
    EXPECT_EQ(journeys(db("w"), true), before);
}

}  // namespace
