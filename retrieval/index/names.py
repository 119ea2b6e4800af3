"""How Korean text writes a person: a name, the body they belong to, then a title."""

# What may stand between a name and its title: the body they belong to ("중소벤처기업부",
# "광주과학기술원", "성균관대", "LG"), never an ordinary word ("진행을 맡고").
BODY_WORD = (r"[가-힣A-Za-z·&]*(?:원|부|처|청|대|대학교|회|사|소|단|국|실|그룹|센터|재단|공사|"
             r"[A-Za-z])")
# A name starts a word: not the "연구원" of "AI연구원", nor a word's tail.
NAME_START = r"(?<![가-힣A-Za-z0-9])"
