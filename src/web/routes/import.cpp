// /import: upload children.csv and events.csv (DATA.md) and run the same import as
// `waymark import`: every row checked, all or nothing, the same problems listed with file,
// line and column. Only rows of the user's own council; audited.
#include "app/import.hpp"
#include "app/access.hpp"
#include "app/admin.hpp"
#include "web/routes/multipart.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/routes.hpp"
#include "web/routes/session.hpp"
#include "web/views/admin.hpp"
#include "web/views/import.hpp"

#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <unordered_set>

namespace waymark::web {

namespace {

namespace fs = std::filesystem;

Gate import_gate(const Request& req, AppContext& ctx) {
    Gate g = signed_in_gate(req, ctx);
    if (g.who && !app::may_import(g.who->user.role)) {
        g.refusal = error_response(g.who, 403, "Only team managers and administrators can import files.");
    }
    return g;
}

}  // namespace

bool may_upload(const Request& head, AppContext& ctx) {
    const auto who = signed_in(head, ctx);
    // A one-time password opens nothing but the password page (password_change_first).
    return who && app::may_import(who->user.role) && !app::must_change_password(who->user);
}

namespace {

// A folder only this process's user can read (mkdtemp makes it 0700), removed with everything
// in it when the request is done, whatever happens.
class PrivateDir {
public:
    PrivateDir() {
        std::string pattern = (fs::temp_directory_path() / "waymark-upload-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            throw core::Error(core::ErrorKind::storage, "cannot make a temporary folder for the upload");
        }
        path_ = pattern;
    }
    ~PrivateDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    PrivateDir(const PrivateDir&) = delete;
    PrivateDir& operator=(const PrivateDir&) = delete;

    std::string write(const std::string& name, std::string_view content) const {
        const fs::path p = path_ / name;
        std::ofstream out(p, std::ios::binary);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.close();
        if (!out) throw core::Error(core::ErrorKind::storage, "cannot store the upload for checking");
        return p.string();
    }

private:
    fs::path path_;
};

Response get_import(const Request& req, AppContext& ctx, const Params&) {
    auto gate = import_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    return html(200, views::import_page(chrome_of(*gate.who), {}));
}

Response post_import(const Request& req, AppContext& ctx, const Params&) {
    auto gate = import_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto& who = *gate.who;
    views::ImportPage page;
    std::vector<MultipartPart> parts;
    try {
        parts = parse_multipart(req.header("content-type"), req.body);
    } catch (const core::Error& e) {
        // Without a readable form there is no CSRF token to check either: nothing is done.
        page.errors.push_back({"children", e.what()});
        return html(400, views::import_page(chrome_of(who), page));
    }
    const auto* csrf = find_part(parts, "csrf");
    if (csrf == nullptr || who.csrf.empty() || !app::equal_secrets(csrf->body, who.csrf)) {
        return error_response(gate.who, 403, "The form had expired. Reload the page and try again.");
    }
    // A file input with no file chosen still sends its part, with an empty file name and body.
    const auto* children = find_part(parts, "children");
    const auto* events = find_part(parts, "events");
    if (children != nullptr && children->body.empty()) children = nullptr;
    if (events != nullptr && events->body.empty()) events = nullptr;
    if (children == nullptr && events == nullptr) {
        page.errors.push_back({"children", "Choose children.csv, events.csv or both"});
        return html(400, views::import_page(chrome_of(who), page));
    }

    const PrivateDir dir;
    app::ImportOptions options;
    if (children != nullptr) options.children_path = dir.write("children.csv", children->body);
    if (events != nullptr) options.events_path = dir.write("events.csv", events->body);
    options.today = ctx.today;
    options.only_council = who.user.local_authority;
    // A child the user may not see is, to the import's checks and messages, a child that does
    // not exist (an administrator sees none by name; a team manager not a restricted child of
    // another team).
    const auto visible = app::visible_children(ctx.store, ctx.standards, who.user, ctx.today, ctx.status_cache);
    std::unordered_set<std::string> visible_ids;
    for (const auto& row : visible) visible_ids.insert(row.status->child.child_id);
    options.may_see = [&visible_ids](const app::StoredChild& c) { return visible_ids.contains(c.child_id); };
    const std::string origin = "web " + req.client;
    options.audit = app::AuditEntry{iso_utc(ctx.now), who.user.name, "import", "", "", "upload", origin};
    options.audit_summary = true;
    try {
        page.result = app::import_files(ctx.store, ctx.standards.vocabulary, options);
    } catch (const app::ImportError& e) {
        page.problems = e.problems();
        page.total_problems = e.total();
        return html(400, views::import_page(chrome_of(who), page));
    }
    return html(200, views::import_page(chrome_of(who), page));
}

// The column guide, made from the importer's column table and the vocabulary in use.
Response get_import_guide(const Request& req, AppContext& ctx, const Params&) {
    auto gate = import_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    return html(200, views::import_guide_page(chrome_of(*gate.who), ctx.standards.vocabulary));
}

Response import_template(const Request& req, AppContext& ctx, app::ImportFile file, const char* name) {
    auto gate = import_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    Response r;
    r.body = views::import_template(file, gate.who->user.local_authority);
    r.set("Content-Type", "text/csv; charset=utf-8");
    r.set("Content-Disposition", std::string("attachment; filename=\"") + name + "\"");
    return r;
}

Response get_children_template(const Request& req, AppContext& ctx, const Params&) {
    return import_template(req, ctx, app::ImportFile::children, "children.csv");
}

Response get_events_template(const Request& req, AppContext& ctx, const Params&) {
    return import_template(req, ctx, app::ImportFile::events, "events.csv");
}

}  // namespace

void add_import_routes(Router& r) {
    r.add("GET", "/import", get_import);
    r.add("GET", "/import/guide", get_import_guide);
    r.add("GET", "/import/children.csv", get_children_template);
    r.add("GET", "/import/events.csv", get_events_template);
    r.add("POST", "/import", post_import);
}

}  // namespace waymark::web
