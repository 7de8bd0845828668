// Word lists for the name rules in names.ts, written for Involve: common first names and surnames in
// the UK (across generations and communities), and the capitalised words that are never names in a
// health story (places, drugs, services, days). All lower case; names.ts compares lower-cased words.

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** Common UK first names (about 900). A capitalised one of these is read as a name on its own. */
export const firstNames = words(`
  aaron abbie abby abdi abdul abdullah abigail abraham ada adam ade adeel adele adeola adnan adrian adriana afzal
  agata agnes ahmad ahmed ahsan aidan aiden aimee aisha aisling akash alan alana alastair albert albie alec
  aleksandra alex alexa alexander alexandra alexei alfie alfred ali alice alisha alison alistair alma alun amal
  amanda amar amara amelia amina amir amit amna amy anand anastasia andrea andrew andrzej andy aneurin angela
  angelina angelo angus ania anika anil anisha anita ann anna annabel annabelle anne annette annie anthony anton
  antonia antonio anya arabella archie aria ariana arjun arlo arnold arthur asha ashleigh ashley ashok asif asma
  aston astrid audrey aurora ava ayesha ayla barbara barney barry basil beatrice bella ben benedict benjamin
  bernadette bernard bernice bernie bertie beryl beth bethan bethany betsy betty bev beverley bianca bilal billie
  billy blake bob bobby bogdan bonnie boris bradley brenda brendan brian bridget bronwen brooke bruce bryn bryony
  caitlin caleb callum calvin cameron camilla candice cara carl carly carmel carmen caroline carys cassie catherine
  catriona cecilia cedric celia cerys chantal charlene charles charlie charlotte chidi chinedu chioma chloe chris
  christina christine christopher ciara ciaran cindy claire clara clare clarence claudia clifford clive colette
  colin connie connor conor constance cora cormac courtney craig curtis cyril cyrus dafydd dai damian damien dan
  dani daniel daniela danielle danny darcey darcy dario darius dariusz darren darryl dave david dawid dean debbie
  deborah declan dee deepak delia della delroy demi denise dennis denzel derek desmond dev dexter dhruv diana diane
  dina dolores dominic dominika donna donovan dora doreen doris dorothy douglas duncan dwayne dylan eamon eamonn
  eddie edith edna edward edwin effie eileen eilidh elaine eleanor elena eleni eli elif elijah eliza elizabeth ella
  ellen ellie elliot elliott eloise elsa elsie elspeth emeka emilia emily emma emmanuel emmeline emrys enid enzo
  eric erica erin ernest errol esme estelle esther ethan ethel euan eunice eva evan evangeline evelyn evie ewa ewan
  ezra fabian faisal farhan farzana fatima fay faye felicity femi fergus ffion finley finn fiona folake frances
  francesca francis frankie fraser freda freddie freddy frederick freya gabriel gabriella gabrielle gail gareth gary
  gavin gaynor gemma geoff geoffrey george georgie georgina gerald geraldine gerard gethin gilbert gillian gina
  giulia gladys glen glenda gloria glyn godfrey gordon graham gregory greta gurdeep gurpreet gwen gwyneth hafsa
  haider halima hamish hamza hannah hari harjit harold harper harpreet harriet harrison harry harvey hasan hassan
  hattie hayley hector heidi helen henry herbert hermione hilary hilda hollie horace howard hugh hugo
  humza huw ian ibrahim ida idris ifeanyi ifeoma ilona ilyas imogen imran ines ingrid iqra irene isaac isabel
  isabella isabelle ishaan isla ismail isobel ivan ivana jacek jacinta jackie jacob jacqueline jacqui jaden jai
  jake jakub jamal james jamie jana janet janice janine jarrod jas jasmine jason jaspreet jay jaya jayden jayne jean
  jeanette jeff jemima jemma jen jenna jennie jennifer jenny jeremiah jeremy jerome jess jesse jessica jessie jill
  jim jimmy jo joan joanna joanne joao jocelyn jodie joe joel johanna john jolene jon jonah jonathan jorge josef
  joseph josephine josh joshua josie joyce jude judith judy julia julian julianne julie juliet junaid justin justyna
  kai kaitlyn kamal kara karen karim karina karl karthik kasia katarina katarzyna kate katherine kathleen kathryn
  kathy katie katy kayla kayleigh keira keiran keith kelly kelsey ken kenneth kenny kerry kevin khadija khalid kian
  kiera kieran kim kimberley kimberly kiran kirk kirsten kirsty kitty kofi krystyna krzysztof kwame kyle lacey lara
  larissa laura lauren laurence lawrence layla leah leanne lee leighton leila lena lennox lenny leo leon leona
  leonard leroy lesley lewis lexi lexie liam libby lilian lillian lily linda lindsay lindsey lisa liz lloyd logan
  lola lorenzo lorna lorraine lottie louie louis louisa louise luca lucas lucia lucille lucinda lucy luis lukasz
  luke lydia lyndon lynn lynne mabel madeleine madison maggie mairead maisie malcolm malgorzata mandy manjit manuel
  marcel marcia marcin marco marcus marek margaret margot maria mariam marian marie marina mario marion marius
  marjorie marley marta martha martin martyn mary maryam mason mateusz matilda matthew matthias maureen maurice
  mavis max maxine maya meera megan mehmet mel melanie melissa meredith mhairi mia micah michael michaela michal
  michelle mick miguel mike milan mildred millie mina miranda miriam misbah mitchell mohamed mohammad mohammed
  mohsin moira molly mona monika morag moses muhammad muriel mustafa myra nadia nadine nancy naomi nasir natalia
  natalie natasha nathan nathaniel naveed neil nell nellie neville ngozi nia niall niamh nicholas nick nicky nicola
  nicole nigel nikhil nikita nikolai nina noah noel noor nora norbert noreen norma nova octavia olga oliver olivia
  ollie omar orla oscar osman otis owen pablo paddy paige pamela parveen patricia patrick paul paula paulette
  pauline pavel pawel penelope percy pete peter petra phil philip philippa phoebe phyllis pierre piotr pippa polly
  pooja priya priyanka quentin rachael rachel rafael rahima rahul rajesh ralph ramesh rana rani raphael rashid ravi
  raymond rebecca rebekah reg reggie reginald rehan remi renata rex rhian rhiannon rhona rhys richard ricky rita rob
  robbie robert roberta robyn rocco roger rohan roland roman ron ronald ronan ronnie rory rosa rosalind rosemary
  rosie ross rowena roxanne roy rudy rufus rukhsana rupert russell ruth ryan sabrina sadia safia saif saima salim
  sally salma salman sam samantha sami samir samira samuel sana sandeep sandra sanjay sanjeev saoirse sara sarah
  sasha saul scarlett scott sean seb sebastian selina seren sergei shabana shahid shakeel shakira shane shannon
  sharon shaun shauna sheena sheila shelley shirley shona sian sid sienna silas simon simone sinead siobhan skye
  sofia sohail solomon sonia sophia sophie spencer stacey stan stanislav stanislaw stefan stella stephanie stephen
  steve steven stevie stewart stuart sufyan sukhdev sukhvinder sunil sunita susan susie suzanne sybil syed sylvia
  tabitha tahira tamara tamsin tania tanya tara tariq tasha tegan terence teresa terry tess tessa thea theo theodore
  theresa thiago thomas tilly tim timothy tina tobias toby todd tom tomasz tommy toni tony tori tracey tracy trent
  trevor tristan troy tunde tyler umar ursula usman uzair valerie vanessa vera verity vernon veronica vicki vicky
  victor vikram viktor vincent vinod viola violet vivian vivienne vladimir walter wanda warren wayne wendy wesley
  wilf wilfred william wilma winifred wojciech xavier yasir yasmin yousef yusuf yvette yvonne zachary zahra zain
  zainab zak zakariya zara zeynep zoe zofia zoë zubair zuzanna
`);

/**
 * First names that are also ordinary words, places or months ("Will", "Grace", "May", "Victoria"):
 * read as names only after a title or a relation ("Nurse Grace", "my mum May") or before a surname.
 */
export const ambiguousFirstNames = words(`
  amber angel april art august autumn bill blessing chase chelsea cherry chester daisy dawn destiny don eve faith
  fern florence frank gene georgia grace grant guy harley hazel heather holly honor hope india iris ivy jack jade
  jordan joy june lance lincoln mark may mercy miles misty norman olive paris pat pearl penny poppy precious ray
  robin rose rowan ruby sandy sky stanley sue summer sunny victoria will
`);

/** Common UK surnames: an unknown capitalised word followed by one of these is read as a full name. */
export const surnames = words(`
  abbott adams adebayo adeyemi agarwal ahmed akhtar ali allen anderson armstrong asante atkinson bailey baker
  banks barker barnes begum bell bennett bibi birch blake booth bose bradley brennan briggs brooks brown burns
  butler butt byrne campbell carr carter chan chapman chaudhry chen choudhury chowdhury clark clarke cole collins
  cook cooper cox crabtree cunningham davies davis dawson desai dhillon dixon doherty doyle duncan edwards ellis
  evans eze ferguson firth fisher fitzgerald fletcher flynn foster fox francis fraser gallagher gibson gill
  graham grant gray greenwood griffiths gupta haigh hamilton hargreaves harris harrison hart hayes henderson
  holmes holroyd hughes hunt hussain iqbal islam jackson james jenkins johnson johnston jones joshi kapoor kaur
  kelly kennedy khan kowalski kumar lam lewis li liu lloyd lowe macdonald mahmood malik marshall martin mason
  matthews mcallister mccarthy mcdonald mckenzie mehta mensah miah mills mistry mitchell moore morgan morris
  morrison murphy murray nair nguyen nowak obi okafor okeke okonkwo okoro osei owen owusu parker patel pearce
  pearson phillips pollard powell price pugh qureshi rahman rees reid reynolds richards richardson riley
  roberts robertson robinson rogers ross ryan saunders scott shah sharma shaw sheikh simpson singh sinclair
  smith spencer stevens stewart sutcliffe sutton tanaka taylor thompson thomson tran turner uddin walker walsh
  wang watson webb wells williams williamson wilson wojcik wong wright yates zhang
`);

/** Titles written before a name: whatever capitalised word follows is read as a name. */
export const titles = words(`
  mr mrs ms miss mx dr doctor prof professor sister sr nurse matron midwife sir dame rev reverend cllr councillor baby
`);

/** Family and relation words: "my husband John", "our daughter, Poppy,". */
export const relationWords = words(`
  husband wife partner son sons daughter daughters child children kids mum mom mam mother dad father brother
  brothers sister sisters nan nana nanna gran granny grandma grandmother grandad granddad grandpa grandfather
  grandson granddaughter grandchild grandchildren uncle aunt auntie aunty niece nephew cousin friend neighbour
  neighbor boyfriend girlfriend fiance fiancé fiancee fiancée baby babies twins twin newborn stepson stepdaughter
  stepdad stepmum carer carers colleague flatmate boy girl boys girls lad lass mate pal
`);

/** Staff roles: "the receptionist, Karen", "Staff Nurse Kelly", "community nurse Aoife". */
export const roleWords = words(`
  receptionist receptionists nurse nurses midwife midwives doctor doctors gp consultant registrar surgeon paramedic
  paramedics pharmacist pharmacists technician porter hca assistant clerk manager coordinator co-ordinator worker
  therapist physio physiotherapist psychologist psychiatrist dietitian dietician volunteer sonographer visitor
  practitioner dentist hygienist anaesthetist optician chaplain cleaner handler driver responder secretary
  solicitor interpreter matron specialist advocate counsellor podiatrist phlebotomist radiographer optometrist
  orthodontist ophthalmologist paediatrician obstetrician gynaecologist student hcas cpn cpns ot ots hv anp translator
`);

/** Capitalised words that are never part of a person's name: sentence words, days, months, family words. */
export const commonWords = words(`
  a about after again all also an and any anyone are as at be because been before being both but by can could
  dear did do does during each even every everybody everyone for from had has have he hello her here hi him his
  how however i if in is it its just later let many me more most much my never no nobody not now of on once one
  only or our overall please she so some someone something still such than thank thanks that the their them then
  there these they this those though three to today tomorrow too two unfortunately until us very was we were what
  when where which while who whoever why will with without would yes yesterday yet you your regards sincerely
  best kind love
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
  january february march april may june july august september october november december jan feb mar apr jun jul
  aug sep sept oct nov dec christmas easter boxing eid diwali ramadan new year bank holiday holidays weekend
  mum mom mam dad nan nana gran granny grandma grandad grandpa auntie
`);

/** Services, places, brands and peoples: never a name, except straight after a title ("Dr Ward", "Dr Bath"). */
export const serviceAndPlaceWords = words(`
  nhs gp gps hospital hospitals infirmary ward wards wing unit centre center clinic clinics surgery practice
  pharmacy chemist dental medical health care trust service services team department emergency urgent treatment
  mental community children's maternity hospice general royal university district memorial foundation house lodge
  suite lounge theatre theatres bay bed room block building floor level reception triage resus majors minors
  outpatients paediatrics cardiology oncology rheumatology dermatology orthopaedics radiology pathology neurology
  urology gynaecology obstetrics psychiatry physiotherapy audiology ophthalmology haematology respiratory
  covid coronavirus healthwatch pals cqc app online first aid ambulance intensive
  road street lane avenue drive close crescent grove terrace place way gardens row court square park hill
  english british polish urdu punjabi arabic bengali somali romanian muslim christian hindu sikh jewish catholic
  scottish welsh irish asian african caribbean european chinese indian pakistani bangladeshi
  boots superdrug tesco asda sainsbury's morrisons lloyds specsavers google facebook whatsapp zoom teams uber
  london leeds bradford manchester liverpool birmingham sheffield york hull newcastle sunderland durham
  middlesbrough darlington harrogate wakefield huddersfield halifax calderdale kirklees barnsley rotherham doncaster
  scarborough whitby otley ilkley skipton keighley pudsey morley wetherby garforth armley beeston hunslet headingley
  harehills chapeltown seacroft kirkstall roundhay horsforth bramley wortley holbeck gipton moortown meanwood
  guiseley yeadon bingley shipley baildon batley dewsbury bolton wigan stockport oldham rochdale bury salford preston
  blackpool blackburn burnley lancaster kendal carlisle penrith crewe warrington nottingham derby leicester coventry
  wolverhampton stoke stafford telford shrewsbury worcester hereford gloucester bristol bath exeter plymouth truro
  cornwall devon somerset dorset bournemouth southampton portsmouth brighton hastings canterbury kent essex norwich
  norfolk suffolk ipswich cambridge oxford reading swindon luton watford stevenage northampton peterborough
  cardiff swansea newport wrexham bangor glasgow edinburgh aberdeen dundee inverness belfast derry scotland
  england wales ireland britain yorkshire lancashire cumbria teesside tyneside wirral wythenshawe hackney lambeth
  croydon ealing camden islington whitechapel tooting walthamstow
  macmillan samaritans mind mencap barnardo's childline nuffield bupa spire ramsay carers alzheimer's scope
  shelter oxfam cruse curie ryder
`);

/** Words before a name-like word that make it part of a place instead ("St James's", "Queen Elizabeth"). */
export const placePrefixes = words(`st st. saint queen king prince princess lady duke duchess royal the`);

/** Words after a name-like word that make it a place or a service ("Florence Nightingale Ward"). */
export const placeSuffixes = words(`
  hospital hospitals infirmary ward wing unit centre center clinic surgery practice medical health house hospice
  building suite lodge road street lane avenue drive way close crescent grove terrace place square trust
  foundation school college university library church memorial institute pharmacy dental theatre lounge room
  home court gardens park primary community
`);

/** Drug names that read like names when capitalised; suffixes in names.ts catch most others. */
export const drugNames = words(`
  ramipril amlodipine sertraline omeprazole co-codamol metformin warfarin apixaban rivaroxaban oramorph paracetamol
  ibuprofen amoxicillin fluoxetine mirtazapine lansoprazole levothyroxine salbutamol gaviscon diazepam olanzapine
  clozapine lithium insulin citalopram propranolol atorvastatin simvastatin bisoprolol tramadol morphine naproxen
  pregabalin gabapentin methotrexate prednisolone doxycycline nitrofurantoin epilim calpol nurofen pethidine
  entonox aspirin codeine dihydrocodeine oxycodone fentanyl buprenorphine methadone zopiclone lorazepam
  risperidone quetiapine aripiprazole venlafaxine duloxetine amitriptyline nortriptyline trazodone melatonin
  ventolin seretide symbicort clenil fostair adcal sudocrem diprobase hydrocortisone betnovate canesten
  flucloxacillin clarithromycin trimethoprim ciprofloxacin metronidazole penicillin co-amoxiclav furosemide
  bendroflumethiazide spironolactone losartan candesartan digoxin clopidogrel ticagrelor edoxaban dabigatran
  gliclazide sitagliptin empagliflozin dapagliflozin ozempic semaglutide levetiracetam lamotrigine carbamazepine
  sodium valproate sumatriptan cetirizine loratadine chlorphenamine piriton movicol lactulose senna loperamide
  buscopan mebeverine ranitidine famotidine folic ferrous adcal-d3 vitamin botox
`);
