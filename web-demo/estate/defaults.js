// drplan demo, "Estate" tab: every resource of an organization against every AWS Backup plan
// (`evaluateEstate`, WebAssembly): which plans select each resource or why none does, its worst
// RPO per disruption, its monthly bill, and roll-ups by account, Region, type, a tag and plan.
// The estate is edited as JSON (the shape `evaluateEstate` reads); the default is a small example.

export const DEFAULT_ESTATE = JSON.stringify({
  "plans": [
    {
      "id": "daily",
      "accounts": [
        "111111111111"
      ],
      "regions": [
        "us-east-1"
      ],
      "plan": {
        "name": "daily",
        "rules": [
          {
            "name": "d",
            "target_vault_name": "v",
            "schedule_expression": "cron(0 5 ? * * *)",
            "lifecycle": {
              "delete_after_days": 35
            }
          }
        ]
      },
      "selections": [
        {
          "name": "tagged",
          "list_of_tags": [
            {
              "condition_type": "STRINGEQUALS",
              "key": "backup",
              "value": "daily"
            }
          ]
        }
      ]
    },
    {
      "id": "ebs-hourly",
      "regions": [
        "us-east-1",
        "eu-west-1"
      ],
      "plan": {
        "name": "hourly",
        "rules": [
          {
            "name": "h",
            "target_vault_name": "v",
            "schedule_expression": "cron(0 * ? * * *)",
            "lifecycle": {
              "delete_after_days": 7
            },
            "copy_actions": [
              {
                "destination_vault_arn": "arn:aws:backup:eu-west-1:222222222222:backup-vault:dr",
                "lifecycle": {
                  "delete_after_days": 7
                }
              }
            ]
          }
        ]
      },
      "selections": [
        {
          "name": "volumes",
          "resources": [
            "arn:aws:ec2:*:*:volume/*"
          ]
        }
      ]
    },
    {
      "id": "efs-by-tag",
      "plan": {
        "name": "efs",
        "rules": [
          {
            "name": "d",
            "target_vault_name": "v",
            "schedule_expression": "cron(0 5 ? * * *)",
            "lifecycle": {
              "delete_after_days": 35
            }
          }
        ]
      },
      "selections": [
        {
          "name": "all",
          "resources": [
            "*"
          ],
          "conditions": {
            "string_equals": [
              {
                "key": "aws:ResourceTag/backup",
                "value": "daily"
              }
            ]
          }
        }
      ]
    }
  ],
  "resources": [
    {
      "arn": "arn:aws:ec2:us-east-1:111111111111:volume/vol-1",
      "size_gib": 100,
      "change_rate": 0.02,
      "tags": {
        "backup": "daily",
        "team": "a"
      }
    },
    {
      "arn": "arn:aws:ec2:ap-south-1:111111111111:volume/vol-2",
      "size_gib": 50,
      "tags": {
        "team": "b"
      }
    },
    {
      "arn": "arn:aws:elasticfilesystem:eu-west-1:333333333333:file-system/fs-1",
      "size_gib": 10,
      "tags": {
        "backup": "daily"
      }
    },
    {
      "arn": "arn:aws:rds:us-east-1:111111111111:db:orders",
      "tags": {},
      "native": {
        "automated_backup_retention_days": 7,
        "multi_az": true
      }
    },
    {
      "arn": "arn:aws:kinesis:us-east-1:111111111111:stream/s"
    }
  ],
  "opt_in": [
    {
      "region": "eu-west-1",
      "resource_type": "EFS",
      "opted_in": false
    }
  ]
}, null, 2);

export const DEFAULT_TAG = 'team';
