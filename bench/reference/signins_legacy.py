"""Reference for the sign-in benchmark: what an admin might script with Python's csv module.

One pass over an Entra sign-in CSV export (admin center or Log Analytics), counting the
distinct users with a legacy-authentication sign-in (client app other than Browser and
Mobile Apps and Desktop clients) -- one of the figures mailsec's report gives, of many.
Usage: python3 signins_legacy.py FILE
"""
import csv
import sys

MODERN = {"Browser", "Mobile Apps and Desktop clients", ""}

with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    reader = csv.reader(f)
    header = next(reader)
    app = header.index("Client app") if "Client app" in header else header.index("ClientAppUsed")
    user = header.index("Username") if "Username" in header else header.index("UserPrincipalName")
    users = set()
    rows = 0
    for row in reader:
        rows += 1
        if row[app] not in MODERN:
            users.add(row[user].lower())
print(rows, len(users))
