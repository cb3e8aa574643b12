"""Korean messages of the review desk."""

NOT_LOOPBACK = ("경고: 검토 데스크를 {host}에 엽니다. 사무실 네트워크의 다른 컴퓨터에서도 접속할 수 "
                "있습니다. 비밀번호와 세션이 암호화되지 않은 채 오가지 않도록 반드시 TLS 역방향 "
                "프록시(README의 예시) 뒤에서 운영하세요.")
SERVING = "검토 데스크: http://{host}:{port}/  (끝내려면 Ctrl+C)"
NO_MEMBERS = "로그인할 수 있는 위원이 없습니다. 먼저 'greenpub desk add-member ID'로 계정을 만드세요."
UNKNOWN_MEMBER = "편집위원 명단(site.yaml committee)에 없는 id입니다: {id} (있는 id: {known})"
EMPTY_PASSWORD = "비밀번호가 비어 있습니다."
SHORT_PASSWORD = "비밀번호는 {n}자 이상이어야 합니다."
MEMBER_ADDED = "{name}({id}) 계정을 만들었습니다: {file}"
ONE_TIME_PASSWORD = ("처음 비밀번호: {password}  (위원에게 알려 주세요. 이 비밀번호로 로그인하면 "
                     "새 비밀번호를 정해야 다른 화면을 볼 수 있습니다)")
PASSWORDS_DIFFER = "두 번 쓴 새 비밀번호가 다릅니다."
SAME_PASSWORD = "처음 비밀번호와 다른 비밀번호를 정해 주세요."

LOGIN_FAILED = "위원 id 또는 비밀번호가 맞지 않습니다."
LOCKED = "로그인에 {n}번 실패해 {minutes}분 동안 잠겼습니다. 잠시 뒤 다시 시도하세요."
CSRF_FAILED = "요청을 확인할 수 없습니다(CSRF). 페이지를 새로 고친 뒤 다시 시도하세요."
NOT_YOURSELF = "다른 위원의 이름으로 결정할 수 없습니다."
NOT_YOUR_CHECKPOINT = "이 검토 단계({label})에서 결정할 수 있는 위원이 아닙니다."
BAD_STATUS = "결정은 승인, 수정 요청, 반려 가운데 하나여야 합니다."
NOT_FOUND = "찾는 페이지가 없습니다."
DECIDED = "{label}: {status}(으)로 기록했습니다."
PREVIEW_BUILDING = "미리보기를 만드는 중입니다. 잠시 뒤 새로 고쳐 주세요."
PREVIEW_FAILED = "미리보기를 만들지 못했습니다: {error}"

UNLOGGED = ("{file}: {checkpoint} 단계의 {by} {status} 기록(해시 {hash})이 검토 데스크 기록"
            "({log})에 없습니다. 손으로 적은 결정인지 확인하세요.")
CHAIN_BROKEN = "검토 데스크 기록({log})의 {line}번째 줄이 앞 줄과 이어지지 않습니다. 기록이 고쳐졌거나 지워졌습니다."
