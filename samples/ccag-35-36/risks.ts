import { at, riskCommand as risk, type SampleStep } from './steps.ts';

/*
 * The CCAG #36 pack's key risks. Its score grid is drawn, not written, so only R920's
 * scores (20, then 10) come from the pack; the others, and every risk's date raised, are
 * stand-ins: R202 16 (Medium), R485 12 (Low), R966 9 (Low). R920 was re-assessed on
 * 20/11/2024, when the pack's updates were gathered.
 */

const KEY_RISKS = 'CCAG #36 pack, top Programme risks related to CCAG';

export const riskSteps: readonly SampleStep[] = [
  risk(
    'RaiseRisk',
    at('2023-03-01'),
    {
      riskId: 'R202',
      description:
        'There is a risk that Programme testing (CIT/SIT) may identify changes to baselined code and require code updates ' +
        'and further code releases after initial code changes have been approved',
      score: 16,
      mitigationPlan: [
        'Monthly meeting in place between Test and Code to monitor likely volume of changes to Design and by association Code',
        'To ensure the change control process is followed correctly and test item volume known by Code team',
        'Ongoing engagement on how code change will be managed',
      ],
      raisedOn: '2023-03-01',
    },
    `${KEY_RISKS}; score and date raised are stand-ins`,
  ),

  risk(
    'RaiseRisk',
    at('2023-09-01'),
    {
      riskId: 'R485',
      description:
        'There is a risk that the Design or queries related to Design are not completed or provided in time and as a ' +
        'result do not provide the information required to enable Code drafting delivery',
      score: 12,
      mitigationPlan: [
        'Design process (DIN Process) set up to resolve Design queries',
        'Amend Code Drafting Plan to accommodate outstanding Design areas',
        'Monitor DIN Volumes',
        'Code is baselined against a point in time and after this time, changes are picked up by a CR or post M6 agreed process.',
      ],
      raisedOn: '2023-09-01',
    },
    `${KEY_RISKS}; score and date raised are stand-ins`,
  ),

  risk(
    'RaiseRisk',
    at('2024-07-01'),
    {
      riskId: 'R920',
      description:
        'There is a risk that Code Drafting (specifically the Energy Market Data Specification) does not reflect the ' +
        "intended MHHS design. This risk is specific to Swagger's alignment with for example DES138.",
      score: 20,
      mitigationPlan: [
        'The Programme recognises the risk in the context of Code drafting, It has always been the intention of the ' +
          'Programme to keep both documents aligned where appropriate, PP have been told to develop against Swagger where ' +
          'inconsistencies are identified. the DIN process has worked effectively to address any misalignment and this ' +
          'will continue going forward.',
      ],
      raisedOn: '2024-07-01',
    },
    `${KEY_RISKS}; date raised is a stand-in`,
  ),

  risk('AssessRiskScore', at('2024-11-20'), { riskId: 'R920', score: 10 }, `${KEY_RISKS}: score reduced from 20 to 10`),

  risk(
    'RaiseRisk',
    at('2024-11-20', '09:05'),
    {
      riskId: 'R966',
      description:
        'There is a risk that Code Drafting over and above the M6 baseline will be required for Service Management to ' +
        'ensure industry parties are appropriately obligated to take action',
      score: 9,
      mitigationPlan: ['Plan for analysis of Helix Service Management deliverables and likely Code drafting activity'],
      raisedOn: '2024-11-20',
    },
    `${KEY_RISKS}: new item; score and date raised are stand-ins`,
  ),
];
