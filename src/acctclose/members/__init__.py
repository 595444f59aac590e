"""Resource Directory members: check and delete member accounts of type ResourceAccount
through the Resource Manager API, one or hundreds (issue 6; docs/members.md).

    api = DirectoryApi.connect(MemberSettings.from_environment())
    preflight = read_preflight(api, ["1234..."], deleting=False)
    outcomes = check_members(api, preflight, ["1234..."], settings)

`check_members` never calls DeleteAccount; `close_members` calls it once per member that
passed its check, had every abandonable check abandoned, and was confirmed by its ID.
"""
