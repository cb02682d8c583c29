"""What an AWS Backup plan holds, protects and bills — the notebook workflow in one script.

    make python && .venv/bin/python python/examples/plan_bill.py [plan.json|plan.yaml]

Without an argument it uses a get-backup-plan output with a daily rule (35 days) and a monthly rule
(a year, cold after 30 days), both copied to us-west-2. It lints the document the way AWS would,
simulates three years for one 500 GiB EBS volume changing 2 % a day, prints the RPO per disruption
with the terms behind the worst one, the steady-state inventory, and the month-by-month bill from
drplan's embedded, sourced us-east-1 price book.
"""
import json
import sys

import drplan

PLAN = {
    "BackupPlan": {
        "BackupPlanName": "prod-daily-monthly",
        "Rules": [
            {
                "RuleName": "daily-35d",
                "TargetBackupVaultName": "prod-vault",
                "ScheduleExpression": "cron(0 3 ? * * *)",
                "ScheduleExpressionTimezone": "America/New_York",
                "StartWindowMinutes": 60,
                "Lifecycle": {"DeleteAfterDays": 35},
                "CopyActions": [
                    {
                        "DestinationBackupVaultArn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr-vault",
                        "Lifecycle": {"DeleteAfterDays": 35},
                    }
                ],
            },
            {
                "RuleName": "monthly-1y",
                "TargetBackupVaultName": "prod-vault",
                "ScheduleExpression": "cron(0 7 1 * ? *)",
                "ScheduleExpressionTimezone": "America/New_York",
                "StartWindowMinutes": 120,
                "Lifecycle": {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 365},
            },
        ],
    },
    "BackupPlanArn": "arn:aws:backup:us-east-1:111122223333:backup-plan:example",
    "BackupPlanId": "example",
}


def main() -> None:
    document = open(sys.argv[1]).read() if len(sys.argv) > 1 else json.dumps(PLAN)
    lint = drplan.lint_backup_plan(document)
    print(f"{lint['parsed']['shape']}: {'valid' if lint['valid'] else 'INVALID'}")
    for issue in lint["issues"]:
        print(f"  {issue['severity']:7} {issue['code']} at {issue['path']}")
    plan = lint["parsed"]["plans"][0]

    volume = {"id": "vol-1", "resource_type": "EBS", "region": "us-east-1", "size_gib": 500, "change_rate": 0.02}
    sim = drplan.simulate_backup_plan(plan, [volume], {"start": "2026-01-01T00:00:00Z", "horizon_days": 1095})
    print("\nRPO per disruption (worst case, from the plan alone):")
    for rpo in sim["resources"][0]["rpo"]:
        print(f"  {rpo['disruption']:19} {rpo['worst']:>10}  {rpo['mechanism']}")
    region = next(r for r in sim["resources"][0]["rpo"] if r["disruption"] == "region")
    for term in region["terms"]:
        print(f"    region: {term['name']} {drplan.human_duration(term['seconds'])} [{term['basis']}] {term['source']}")
    steady = sim["inventory"]["steady_state"]
    print(f"\n{steady['message']}")
    total = steady["total"]
    print(f"  {total['min_count']}-{total['max_count']} points, {total['min_gib']:.1f}-{total['max_gib']:.1f} GiB")

    bill = drplan.backup_cost(sim["recovery_points"] + sim["chain_bases"], None, {"horizon_months": 36})
    print("\nmonth  total USD")
    for month in bill["months"][:3] + bill["months"][-1:]:
        print(f"  {month['month']:3}  {month['usd']['total_usd']:9.2f}")
    ss = bill["steady_state"]
    print(f"steady-state bill: ${ss['monthly_usd']:.2f}/month from month {ss['from_month']}")
    for warning in bill["issues"]:
        print(f"  note: {warning['message']}")


if __name__ == "__main__":
    main()
