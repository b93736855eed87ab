import { CommonProblems } from '../../common/errors/common.errors';
import {
  invalidCredentials,
  refreshTokenInvalid,
  sessionEnded,
  refreshTokenReused,
  resetTokenInvalid,
  weakPassword,
  currentPasswordWrong,
} from './identity.errors';
import { Body, Controller, Get, HttpCode, Ip, Patch, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { NoRequestBody } from '../../common/http/no-request-body.decorator';
import { AuthService } from './auth.service';
import {
  ChangePasswordDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  PersonResponseDto,
  RefreshDto,
  TokenPairDto,
  UpdateMeDto,
} from './identity.dto';
import { ProfileService } from './profile.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(invalidCredentials, CommonProblems.tooManyRequests)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<TokenPairDto> {
    return this.auth.login(body.email, body.password, ip);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Exchange a refresh token for a new token pair (the old one stops working)' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(refreshTokenInvalid, sessionEnded, refreshTokenReused)
  refresh(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @NoRequestBody()
  @HttpCode(204)
  @SignedIn()
  @ApiOperation({ summary: 'End the current session (its access and refresh tokens stop working)' })
  @ApiNoContentResponse({ description: 'Signed out.' })
  @ApiProblems()
  logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.auth.logout(principal);
  }

  @Post('password-reset')
  @HttpCode(202)
  @Public()
  @ApiOperation({ summary: 'Mail a one-time password reset link (same answer whether or not the email exists)' })
  @ApiAcceptedResponse({ description: 'If the email belongs to an active account, a link is on its way.' })
  @ApiProblems(CommonProblems.tooManyRequests)
  requestPasswordReset(@Body() body: PasswordResetRequestDto, @Ip() ip: string): Promise<void> {
    return this.auth.requestPasswordReset(body.email, ip);
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: 'Choose a new password with the token from the reset link; ends every session' })
  @ApiNoContentResponse({ description: 'The new password is set.' })
  @ApiProblems(resetTokenInvalid, weakPassword)
  confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    return this.auth.confirmPasswordReset(body.token, body.newPassword);
  }
}

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'The signed-in person' })
  @ApiOkResponse({ type: PersonResponseDto })
  get(@CurrentPrincipal() principal: Principal): Promise<PersonResponseDto> {
    return this.profiles.get(principal);
  }

  @Patch()
  @SignedIn()
  @ApiOperation({ summary: 'Update your own phone and language' })
  @ApiOkResponse({ type: PersonResponseDto })
  @ApiProblems()
  update(@CurrentPrincipal() principal: Principal, @Body() body: UpdateMeDto): Promise<PersonResponseDto> {
    return this.profiles.update(principal, body);
  }

  @Post('password')
  @HttpCode(204)
  @SignedIn()
  @ApiOperation({ summary: 'Change your password; your other sessions end' })
  @ApiNoContentResponse({ description: 'The new password is set.' })
  @ApiProblems(currentPasswordWrong, weakPassword, CommonProblems.tooManyRequests)
  changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
    @Ip() ip: string,
  ): Promise<void> {
    return this.auth.changePassword(principal, body.currentPassword, body.newPassword, ip);
  }
}
