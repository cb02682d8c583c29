// The document the "Backup plan" tab opens with, and the examples it offers. The examples are the
// inputs of drplan's golden test vectors (tests/golden/backup/*/input.json), unchanged: a document
// given as text there is the text here, line for line; one given as a JSON object is that object,
// pretty-printed. tests/e2e/backup.test.mjs checks both.

/**
 * `aws backup get-backup-plan` output for a plan in us-east-1: a daily rule kept 35 days and a
 * monthly rule kept a year (cold after 30 days), both copied to a vault in us-west-2. Lints without
 * errors.
 */
export const DEFAULT_DOCUMENT = [
  '{',
  '  "BackupPlan": {',
  '    "BackupPlanName": "prod-daily-monthly",',
  '    "Rules": [',
  '      {',
  '        "RuleName": "daily-35d",',
  '        "TargetBackupVaultName": "prod-vault",',
  '        "ScheduleExpression": "cron(0 3 ? * * *)",',
  '        "ScheduleExpressionTimezone": "America/New_York",',
  '        "StartWindowMinutes": 60,',
  '        "CompletionWindowMinutes": 480,',
  '        "Lifecycle": {',
  '          "DeleteAfterDays": 35',
  '        },',
  '        "RecoveryPointTags": {',
  '          "backup": "daily"',
  '        },',
  '        "RuleId": "5f0c1d2e-8a7b-4c6d-9e0f-1a2b3c4d5e6f",',
  '        "CopyActions": [',
  '          {',
  '            "DestinationBackupVaultArn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr-vault",',
  '            "Lifecycle": {',
  '              "DeleteAfterDays": 35',
  '            }',
  '          }',
  '        ]',
  '      },',
  '      {',
  '        "RuleName": "monthly-1y",',
  '        "TargetBackupVaultName": "prod-vault",',
  '        "ScheduleExpression": "cron(0 7 1 * ? *)",',
  '        "ScheduleExpressionTimezone": "America/New_York",',
  '        "StartWindowMinutes": 120,',
  '        "CompletionWindowMinutes": 1440,',
  '        "Lifecycle": {',
  '          "MoveToColdStorageAfterDays": 30,',
  '          "DeleteAfterDays": 365',
  '        },',
  '        "RecoveryPointTags": {',
  '          "backup": "monthly"',
  '        },',
  '        "RuleId": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",',
  '        "CopyActions": [',
  '          {',
  '            "DestinationBackupVaultArn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr-vault",',
  '            "Lifecycle": {',
  '              "MoveToColdStorageAfterDays": 30,',
  '              "DeleteAfterDays": 365',
  '            }',
  '          }',
  '        ]',
  '      }',
  '    ]',
  '  },',
  '  "BackupPlanId": "8f3e2d1c-0b9a-4e8d-a7c6-b5a4f3e2d1c0",',
  '  "BackupPlanArn": "arn:aws:backup:us-east-1:111122223333:backup-plan:8f3e2d1c-0b9a-4e8d-a7c6-b5a4f3e2d1c0",',
  '  "VersionId": "ZjQ2ZDk0ZTItNWY3Yy00YjJlLTg3ZDktNzE0ZjY3MTU1OTlm",',
  '  "CreationDate": "2026-01-12T09:30:00.000000+00:00"',
  '}',
].join('\n');

const PRESETS = [
  { id: 'default', label: 'get-backup-plan output: daily + monthly rules, cross-Region copies', golden: null, text: () => DEFAULT_DOCUMENT },
  {
    id: 'get-output-valid',
    label: 'get-backup-plan output: one daily rule, cross-Region copy (JSON)',
    golden: 'backup/get-output-valid',
    text: () => [
      '{',
      '  "BackupPlan": {',
      '    "BackupPlanName": "prod-daily",',
      '    "Rules": [',
      '      {',
      '        "RuleName": "daily-0300-utc",',
      '        "TargetBackupVaultName": "prod-vault",',
      '        "ScheduleExpression": "cron(0 3 ? * * *)",',
      '        "ScheduleExpressionTimezone": "Etc/UTC",',
      '        "StartWindowMinutes": 60,',
      '        "CompletionWindowMinutes": 480,',
      '        "Lifecycle": {',
      '          "MoveToColdStorageAfterDays": 30,',
      '          "DeleteAfterDays": 365',
      '        },',
      '        "CopyActions": [',
      '          {',
      '            "DestinationBackupVaultArn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr-vault",',
      '            "Lifecycle": {',
      '              "DeleteAfterDays": 35',
      '            }',
      '          }',
      '        ],',
      '        "EnableContinuousBackup": false,',
      '        "RuleId": "0c9d1a2b-rule"',
      '      }',
      '    ]',
      '  },',
      '  "BackupPlanId": "8f2f6a1e-plan",',
      '  "BackupPlanArn": "arn:aws:backup:us-east-1:111122223333:backup-plan:8f2f6a1e-plan",',
      '  "VersionId": "ZjQ2ZTI5YmQt",',
      '  "CreationDate": 1700000000.123,',
      '  "AdvancedBackupSettings": [',
      '    {',
      '      "ResourceType": "EC2",',
      '      "BackupOptions": {',
      '        "WindowsVSS": "enabled"',
      '      }',
      '    }',
      '  ]',
      '}',
    ].join('\n'),
  },
  {
    id: 'cfn-json-valid',
    label: 'CloudFormation JSON: parameters, Ref, Fn::Join, vault lock',
    golden: 'backup/cfn-json-valid',
    text: () => [
      '{',
      '  "AWSTemplateFormatVersion": "2010-09-09",',
      '  "Parameters": {',
      '    "RetentionDays": {',
      '      "Type": "Number",',
      '      "Default": "35"',
      '    },',
      '    "DrRegion": {',
      '      "Type": "String",',
      '      "Default": "us-west-2"',
      '    },',
      '    "DrAccount": {',
      '      "Type": "String",',
      '      "Default": "222233334444"',
      '    }',
      '  },',
      '  "Resources": {',
      '    "ProdVault": {',
      '      "Type": "AWS::Backup::BackupVault",',
      '      "Properties": {',
      '        "BackupVaultName": "prod-vault",',
      '        "LockConfiguration": {',
      '          "MinRetentionDays": 7,',
      '          "MaxRetentionDays": 365',
      '        }',
      '      }',
      '    },',
      '    "Plan": {',
      '      "Type": "AWS::Backup::BackupPlan",',
      '      "Properties": {',
      '        "BackupPlan": {',
      '          "BackupPlanName": "cfn-json-plan",',
      '          "BackupPlanRule": [',
      '            {',
      '              "RuleName": "daily",',
      '              "TargetBackupVault": {',
      '                "Ref": "ProdVault"',
      '              },',
      '              "ScheduleExpression": "cron(0 5 ? * * *)",',
      '              "StartWindowMinutes": 60,',
      '              "CompletionWindowMinutes": 600,',
      '              "Lifecycle": {',
      '                "DeleteAfterDays": {',
      '                  "Ref": "RetentionDays"',
      '                }',
      '              },',
      '              "CopyActions": [',
      '                {',
      '                  "DestinationBackupVaultArn": {',
      '                    "Fn::Join": [',
      '                      ":",',
      '                      [',
      '                        "arn:aws:backup",',
      '                        {',
      '                          "Ref": "DrRegion"',
      '                        },',
      '                        {',
      '                          "Ref": "DrAccount"',
      '                        },',
      '                        "backup-vault:dr-vault"',
      '                      ]',
      '                    ]',
      '                  },',
      '                  "Lifecycle": {',
      '                    "DeleteAfterDays": 35',
      '                  }',
      '                }',
      '              ],',
      '              "EnableContinuousBackup": "false"',
      '            }',
      '          ]',
      '        },',
      '        "BackupPlanTags": {',
      '          "team": "platform"',
      '        }',
      '      }',
      '    },',
      '    "Selection": {',
      '      "Type": "AWS::Backup::BackupSelection",',
      '      "Properties": {',
      '        "BackupPlanId": {',
      '          "Ref": "Plan"',
      '        },',
      '        "BackupSelection": {',
      '          "SelectionName": "volumes",',
      '          "IamRoleArn": {',
      '            "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/service-role/AWSBackupDefaultServiceRole"',
      '          },',
      '          "Resources": [',
      '            "arn:aws:ec2:*:*:volume/*",',
      '            "arn:aws:elasticfilesystem:*:*:file-system/*"',
      '          ]',
      '        }',
      '      }',
      '    }',
      '  }',
      '}',
    ].join('\n'),
  },
  {
    id: 'cfn-yaml-tags',
    label: 'CloudFormation YAML: short-form tags, Vault Lock, air-gapped vault',
    golden: 'backup/cfn-yaml-tags',
    text: () => [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Description: drplan golden - CloudFormation YAML with short-form tags',
      'Parameters:',
      '  Env:',
      '    Type: String',
      '    Default: prod',
      '  DrAccount:',
      '    Type: String',
      'Resources:',
      '  LockedVault:',
      '    Type: AWS::Backup::BackupVault',
      '    Properties:',
      "      BackupVaultName: !Sub '${Env}-locked'",
      '      LockConfiguration:',
      '        MinRetentionDays: 30',
      '        MaxRetentionDays: 90',
      '        ChangeableForDays: 3',
      '  AirGapped:',
      '    Type: AWS::Backup::LogicallyAirGappedBackupVault',
      '    Properties:',
      "      BackupVaultName: !Join ['-', [!Ref Env, lag]]",
      '      MinRetentionDays: 7',
      '      MaxRetentionDays: 35',
      '  Plan:',
      '    Type: AWS::Backup::BackupPlan',
      '    Properties:',
      '      BackupPlan:',
      "        BackupPlanName: !Sub '${Env}-plan'",
      '        BackupPlanRule:',
      '          - RuleName: hourly',
      '            TargetBackupVault: !Ref LockedVault',
      '            ScheduleExpression: cron(0 * ? * * *)',
      '            StartWindowMinutes: 60',
      '            CompletionWindowMinutes: 120',
      '            Lifecycle:',
      '              DeleteAfterDays: 14',
      '            CopyActions:',
      '              - DestinationBackupVaultArn: !GetAtt AirGapped.BackupVaultArn',
      '                Lifecycle:',
      '                  DeleteAfterDays: 365',
      "              - DestinationBackupVaultArn: !Sub 'arn:aws:backup:eu-west-1:${DrAccount}:backup-vault:dr'",
      '          - RuleName: monthly',
      '            TargetBackupVault: !ImportValue shared-vault-name',
      '            ScheduleExpression: cron(0 5 1 * ? *)',
      '            Lifecycle:',
      '              MoveToColdStorageAfterDays: 30',
      '              DeleteAfterDays: 400',
      '  Selection:',
      '    Type: AWS::Backup::BackupSelection',
      '    Properties:',
      '      BackupPlanId: !Ref Plan',
      '      BackupSelection:',
      '        SelectionName: databases',
      '        IamRoleArn: !GetAtt BackupRole.Arn',
      '        Resources:',
      '          - arn:aws:rds:*:*:db:*',
      "          - !Sub 'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*'",
    ].join('\n') + '\n',
  },
  {
    id: 'org-policy-valid',
    label: 'Organizations backup policy (@@assign)',
    golden: 'backup/org-policy-valid',
    text: () => JSON.stringify({
      "plans": {
        "PII_Backup_Plan": {
          "regions": {
            "@@assign": [
              "us-east-1",
              "eu-north-1"
            ]
          },
          "rules": {
            "Hourly": {
              "schedule_expression": {
                "@@assign": "cron(0 5/1 ? * * *)"
              },
              "start_backup_window_minutes": {
                "@@assign": "60"
              },
              "complete_backup_window_minutes": {
                "@@assign": "604800"
              },
              "enable_continuous_backup": {
                "@@assign": "false"
              },
              "lifecycle": {
                "move_to_cold_storage_after_days": {
                  "@@assign": "180"
                },
                "delete_after_days": {
                  "@@assign": "270"
                }
              },
              "target_backup_vault_name": {
                "@@assign": "FortKnox"
              },
              "recovery_point_tags": {
                "owner": {
                  "tag_key": {
                    "@@assign": "Owner"
                  },
                  "tag_value": {
                    "@@assign": "Backup"
                  }
                }
              },
              "copy_actions": {
                "arn:aws:backup:us-west-2:$account:backup-vault:secondary_vault": {
                  "target_backup_vault_arn": {
                    "@@assign": "arn:aws:backup:us-west-2:$account:backup-vault:secondary_vault"
                  },
                  "lifecycle": {
                    "delete_after_days": {
                      "@@assign": "100"
                    }
                  }
                }
              }
            }
          },
          "selections": {
            "tags": {
              "datatype": {
                "iam_role_arn": {
                  "@@assign": "arn:aws:iam::$account:role/MyIamRole"
                },
                "tag_key": {
                  "@@assign": "dataType"
                },
                "tag_value": {
                  "@@assign": [
                    "PII",
                    "RED"
                  ]
                }
              }
            }
          },
          "advanced_backup_settings": {
            "ec2": {
              "windows_vss": {
                "@@assign": "enabled"
              }
            }
          },
          "backup_plan_tags": {
            "stage": {
              "tag_key": {
                "@@assign": "Stage"
              },
              "tag_value": {
                "@@assign": "Prod"
              }
            }
          }
        }
      }
    }, null, 2),
  },
  {
    id: 'org-policy-invalid',
    label: 'Organizations backup policy with errors',
    golden: 'backup/org-policy-invalid',
    text: () => JSON.stringify({
      "plans": {
        "p1": {
          "regions": {
            "@@append": [
              "us-east-1"
            ]
          },
          "rules": {
            "pitr": {
              "schedule_expression": {
                "@@assign": "cron(0 * ? * * *)"
              },
              "start_backup_window_minutes": {
                "@@assign": "sixty"
              },
              "target_backup_vault_name": {
                "@@assign": "vault-a"
              },
              "enable_continuous_backup": {
                "@@assign": "true"
              },
              "lifecycle": {
                "move_to_cold_storage_after_days": {
                  "@@assign": "7"
                },
                "delete_after_days": {
                  "@@assign": "40"
                }
              },
              "copy_actions": {
                "arn:aws:backup:us-west-2:$account:backup-vault:a": {
                  "target_backup_vault_arn": {
                    "@@assign": "arn:aws:backup:us-west-2:$account:backup-vault:b"
                  }
                }
              }
            },
            "snap": {
              "schedule_expresion": {
                "@@assign": "cron(0 5 ? * * *)"
              },
              "target_backup_vault_name": {
                "@@assign": "v"
              }
            }
          },
          "selections": {
            "tags": {
              "sel": {
                "tag_key": {
                  "@@assign": "k"
                },
                "tag_value": {
                  "@@assign": [
                    "v"
                  ]
                }
              }
            }
          }
        }
      }
    }, null, 2),
  },
  {
    id: 'create-input-invalid',
    label: 'create-backup-plan input breaking many rules',
    golden: 'backup/create-input-invalid',
    text: () => JSON.stringify({
      "BackupPlan": {
        "BackupPlanName": "prod daily",
        "Rules": [
          {
            "RuleName": "daily rule",
            "TargetBackupVaultName": "prod.vault",
            "ScheduleExpression": "rate(1 day)",
            "StartWindowMinutes": 30,
            "CompletionWindowMinutes": 52560001,
            "Lifecycle": {
              "MoveToColdStorageAfterDays": 30,
              "DeleteAfterDays": 100
            },
            "RecoveryPointTags": {
              "k0": "v",
              "k1": "v",
              "k2": "v",
              "k3": "v",
              "k4": "v",
              "k5": "v",
              "k6": "v",
              "k7": "v",
              "k8": "v",
              "k9": "v",
              "k10": "v"
            },
            "CopyActions": [
              {
                "DestinationBackupVaultArn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr-vault",
                "Lifecycle": {
                  "MoveToColdStorageAfterDays": 10,
                  "DeleteAfterDays": 50
                }
              },
              {
                "DestinationBackupVaultArn": "arn:aws:s3:::not-a-vault"
              }
            ],
            "IndexActions": [
              {
                "ResourceTypes": [
                  "EBS",
                  "S3"
                ]
              }
            ]
          },
          {
            "RuleName": "r2",
            "TargetBackupVaultName": "v",
            "ScheduleExpression": "cron(0 5 ? * * *)",
            "StartWindowMinutes": 52560001,
            "Lifecycle": {
              "MoveToColdStorageAfterDays": 36501,
              "DeleteAfterDays": 0
            }
          }
        ]
      },
      "CreatorRequestId": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    }, null, 2),
  },
  {
    id: 'wrong-types',
    label: 'create-backup-plan input with wrong JSON types',
    golden: 'backup/wrong-types',
    text: () => JSON.stringify({
      "BackupPlan": {
        "BackupPlanName": 42,
        "Rules": [
          {
            "RuleName": "r1",
            "TargetBackupVaultName": "vault-1",
            "StartWindowMinutes": "60",
            "EnableContinuousBackup": "yes",
            "Lifecycle": {
              "DeleteAfterDays": 35.5
            },
            "CopyActions": {
              "DestinationBackupVaultArn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr-vault"
            },
            "RecoveryPointTags": [
              "a",
              "b"
            ]
          },
          "not-a-rule",
          {
            "TargetBackupVaultName": "vault-1",
            "Lifecycle": {
              "DeleteAfterDays": 35,
              "DeleteAfterEvent": "DELETE_AFTER_COPY"
            }
          }
        ],
        "Extra": true
      }
    }, null, 2),
  },
];

/** The examples, for the picker: `{id, label, golden}` (`golden`: the test vector's directory). */
export const presetList = PRESETS.map(({ id, label, golden }) => ({ id, label, golden }));

/** The document text of an example. */
export function presetDocument(id) {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown example ${id}`);
  return p.text();
}
