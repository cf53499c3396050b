. "$WAYMARK_SOURCE/tests/cases/restriction_lift/setup.sh"
