// The access rules (app/access.hpp), table by table: every role against a child allocated to
// them in each capacity, to their team, to another team, to no one; restricted or not; of
// their council or another.
#include "app/access.hpp"

#include <gtest/gtest.h>

namespace {

using waymark::app::Allocation;
using waymark::app::ChildFacts;
using waymark::app::Role;
using waymark::app::User;

constexpr const char* kCouncil = "S12000049";

// How the child stands to the user.
enum class Link {
    none,               // not allocated
    worker,             // the user is the allocated worker
    reviewing_officer,  // the user is the named reviewing officer
    legal,              // the user is the named legal worker
    team,               // allocated to another worker of the user's team
    other_team,         // allocated to a worker of another team
};

struct Case {
    Role role;
    Link link;
    bool restricted;
    bool expected;
};

// Columns: role, link, restricted, may see.
constexpr Case kCases[] = {
    // A social worker: their own children and their team's; restricted only their own.
    {Role::social_worker, Link::worker, false, true},
    {Role::social_worker, Link::worker, true, true},
    {Role::social_worker, Link::team, false, true},
    {Role::social_worker, Link::team, true, false},
    {Role::social_worker, Link::other_team, false, false},
    {Role::social_worker, Link::other_team, true, false},
    {Role::social_worker, Link::none, false, false},
    {Role::social_worker, Link::none, true, false},
    // A team manager: every child of the council; restricted only their team's, theirs, or
    // one not yet allocated (so that it can be).
    {Role::team_manager, Link::none, false, true},
    {Role::team_manager, Link::none, true, true},
    {Role::team_manager, Link::worker, true, true},
    {Role::team_manager, Link::team, false, true},
    {Role::team_manager, Link::team, true, true},
    {Role::team_manager, Link::other_team, false, true},
    {Role::team_manager, Link::other_team, true, false},
    {Role::team_manager, Link::reviewing_officer, true, true},
    // A reviewing officer: the children whose reviews they chair, restricted or not.
    {Role::reviewing_officer, Link::reviewing_officer, false, true},
    {Role::reviewing_officer, Link::reviewing_officer, true, true},
    {Role::reviewing_officer, Link::none, false, false},
    {Role::reviewing_officer, Link::team, false, false},
    {Role::reviewing_officer, Link::other_team, false, false},
    {Role::reviewing_officer, Link::legal, false, false},
    {Role::reviewing_officer, Link::worker, false, false},
    // Legal: the children referred to them.
    {Role::legal, Link::legal, false, true},
    {Role::legal, Link::legal, true, true},
    {Role::legal, Link::none, false, false},
    {Role::legal, Link::team, false, false},
    {Role::legal, Link::reviewing_officer, false, false},
    {Role::legal, Link::worker, false, false},
    // Restricted records (app/restriction.hpp): only those named on the allocation and the
    // allocated worker's team's managers; being of the council, or named in another capacity
    // than one's role, is not enough.
    {Role::social_worker, Link::reviewing_officer, true, false},
    {Role::social_worker, Link::legal, true, false},
    {Role::team_manager, Link::legal, true, true},
    {Role::reviewing_officer, Link::none, true, false},
    {Role::reviewing_officer, Link::team, true, false},
    {Role::reviewing_officer, Link::other_team, true, false},
    {Role::reviewing_officer, Link::worker, true, false},
    {Role::legal, Link::none, true, false},
    {Role::legal, Link::team, true, false},
    {Role::legal, Link::other_team, true, false},
    {Role::legal, Link::reviewing_officer, true, false},
};

const char* link_name(Link l) {
    switch (l) {
        case Link::none:
            return "not allocated";
        case Link::worker:
            return "their worker";
        case Link::reviewing_officer:
            return "their reviewing officer";
        case Link::legal:
            return "their legal worker";
        case Link::team:
            return "their team's";
        case Link::other_team:
            return "another team's";
    }
    return "";
}

// The user and the child's facts; the facts point at the allocation, so a Built is not copied.
struct Built {
    Built() = default;
    Built(const Built&) = delete;
    Built& operator=(const Built&) = delete;
    User user;
    Allocation allocation;
    ChildFacts facts;
};

void build(Built& b, Role role, Link link, bool restricted, const std::string& council = kCouncil) {
    b.user.name = "me";
    b.user.role = role;
    b.user.local_authority = kCouncil;
    b.user.team = "Team A";
    b.allocation = {council, "C1", "colleague", "", "", "manager", "2026-11-26T09:00:00Z"};
    b.facts.local_authority = council;
    b.facts.restricted = restricted;
    b.facts.allocation = &b.allocation;
    b.facts.worker_team = "Team A";
    switch (link) {
        case Link::none:
            b.facts.allocation = nullptr;
            b.facts.worker_team = {};
            break;
        case Link::worker:
            b.allocation.worker = "me";
            break;
        case Link::reviewing_officer:
            b.allocation.reviewing_officer = "me";
            b.facts.worker_team = "Team B";
            break;
        case Link::legal:
            b.allocation.legal = "me";
            b.facts.worker_team = "Team B";
            break;
        case Link::team:
            break;
        case Link::other_team:
            b.facts.worker_team = "Team B";
            break;
    }
}

TEST(Access, EachRoleAgainstEachWayAChildStandsToThem) {
    for (const Case& c : kCases) {
        Built b;
        build(b, c.role, c.link, c.restricted);
        EXPECT_EQ(waymark::app::may_see(b.user, b.facts), c.expected)
            << waymark::app::to_string(c.role) << ", child " << link_name(c.link)
            << (c.restricted ? ", restricted" : "");
    }
}

TEST(Access, NoRoleEverSeesAnotherCouncilsChild) {
    for (const Role role : waymark::app::kAllRoles) {
        for (const Link link :
             {Link::none, Link::worker, Link::reviewing_officer, Link::legal, Link::team, Link::other_team}) {
            for (const bool restricted : {false, true}) {
                Built b;
                build(b, role, link, restricted, "S12000033");
                EXPECT_FALSE(waymark::app::may_see(b.user, b.facts))
                    << waymark::app::to_string(role) << ", " << link_name(link);
                EXPECT_FALSE(waymark::app::may_reallocate(b.user, b.facts));
            }
        }
    }
}

TEST(Access, AggregateRolesNeverSeeANamedChildEvenWhenNamed) {
    for (const Role role : {Role::improvement_advisor, Role::administrator, Role::national_analyst}) {
        for (const Link link : {Link::none, Link::worker, Link::reviewing_officer, Link::legal, Link::team}) {
            Built b;
            build(b, role, link, false);
            EXPECT_FALSE(waymark::app::may_see(b.user, b.facts)) << waymark::app::to_string(role);
        }
    }
}

TEST(Access, AUserWithoutATeamHasNoTeamsChildren) {
    // An empty team must not match a child whose worker has no team either.
    Built sw;
    build(sw, Role::social_worker, Link::team, false);
    sw.user.team.clear();
    sw.facts.worker_team = {};
    EXPECT_FALSE(waymark::app::may_see(sw.user, sw.facts));
    Built tm;
    build(tm, Role::team_manager, Link::team, true);
    tm.user.team.clear();
    tm.facts.worker_team = {};
    EXPECT_FALSE(waymark::app::may_see(tm.user, tm.facts)) << "restricted, allocated, not their team";
}

TEST(Access, OnlyATeamManagerWhoSeesTheChildMayReallocateIt) {
    for (const Role role : waymark::app::kAllRoles) {
        Built b;
        build(b, role, Link::worker, false);
        EXPECT_EQ(waymark::app::may_reallocate(b.user, b.facts), role == Role::team_manager)
            << waymark::app::to_string(role);
    }
    Built b;
    build(b, Role::team_manager, Link::other_team, true);
    EXPECT_FALSE(waymark::app::may_reallocate(b.user, b.facts)) << "a restricted child of another team";
}

}  // namespace
