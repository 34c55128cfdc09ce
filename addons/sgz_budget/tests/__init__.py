from . import test_access
from . import test_concurrency
from . import test_disclosure
from . import test_flow
from . import test_year_end
