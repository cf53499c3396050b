#include "core/legal_status.hpp"

namespace waymark::core {

std::vector<LegalStatusPeriod> legal_status_periods(const Journey& journey) {
    std::vector<LegalStatusPeriod> out;
    const auto& events = journey.events();
    LegalStatus order = LegalStatus::none;  // PO, POA, placement order, KCO, adoption
    std::size_t order_event = 0;
    LegalStatus care = LegalStatus::none;  // s25, CPO, ICSO, CSO
    std::size_t care_event = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = *events[i];
        if (e.status != EventStatus::occurred || e.type >= id_of(EventType::builtin_count_)) continue;
        const auto set_care = [&](LegalStatus s) {
            care = s;
            care_event = i;
        };
        // The basis of an accommodation names the order already made (at a hearing the same
        // day, perhaps): it begins a status only when it changes it.
        const auto basis_care = [&](LegalStatus s) {
            if (care != s) set_care(s);
        };
        const auto set_order = [&](LegalStatus s) {
            order = s;
            order_event = i;
        };
        switch (static_cast<EventType>(e.type)) {
            case EventType::accommodated: {
                // A child accommodated again after an adoption or a kinship care order is looked
                // after anew.
                if (order == LegalStatus::adopted || order == LegalStatus::kinship_care_order) {
                    set_order(LegalStatus::none);
                }
                const auto basis = e.attr("basis");
                if (basis == "s25") basis_care(LegalStatus::s25);
                if (basis == "cpo") basis_care(LegalStatus::cpo);
                if (basis == "icso") basis_care(LegalStatus::icso);
                if (basis == "cso") basis_care(LegalStatus::cso);
                if (basis == "po" && order != LegalStatus::po) set_order(LegalStatus::po);
                break;
            }
            case EventType::looked_after_at_home:
                if (order == LegalStatus::adopted || order == LegalStatus::kinship_care_order) {
                    set_order(LegalStatus::none);
                }
                break;
            case EventType::cpo:
                set_care(LegalStatus::cpo);
                break;
            case EventType::childrens_hearing: {
                const auto outcome = e.attr("outcome");
                if (outcome == "icso") set_care(LegalStatus::icso);
                if (outcome == "cso" || outcome == "cso_continued" || outcome == "cso_varied") {
                    set_care(LegalStatus::cso);
                }
                if (outcome == "discharged") set_care(LegalStatus::none);
                break;
            }
            case EventType::order_granted: {
                const auto o = e.attr("order");
                if (o == "po") set_order(LegalStatus::po);
                if (o == "poa") set_order(LegalStatus::poa);
                if (o == "placement_order") set_order(LegalStatus::placement_order);
                if (o == "kinship_care_order") set_order(LegalStatus::kinship_care_order);
                if (o == "adoption") set_order(LegalStatus::adopted);
                break;
            }
            case EventType::ceased_looked_after: {
                const auto dest = e.attr("destination");
                set_care(LegalStatus::none);
                if (dest == "adoption") set_order(LegalStatus::adopted);
                if (dest == "kinship_care_order") set_order(LegalStatus::kinship_care_order);
                if (dest == "po" && order == LegalStatus::none) set_order(LegalStatus::po);
                if (dest != "adoption" && dest != "kinship_care_order" && dest != "po") set_order(LegalStatus::none);
                break;
            }
            default:
                break;
        }
        // An order, when there is one, over the care status.
        const LegalStatus status = order != LegalStatus::none ? order : care;
        const std::size_t source = order != LegalStatus::none ? order_event : care_event;
        if (!out.empty() && out.back().status == status && out.back().start_index == source) continue;
        if (!out.empty()) out.back().end = e.date;
        out.push_back(LegalStatusPeriod{status, e.date, std::nullopt, source});
    }
    return out;
}

}  // namespace waymark::core
